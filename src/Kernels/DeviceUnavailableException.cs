namespace GpuImdb.Kernels;

/// <summary>The accelerator the user asked for does not exist or cannot run these kernels.</summary>
public sealed class DeviceUnavailableException : Exception
{
    public DeviceUnavailableException(string message)
        : base(message)
    {
    }

    public DeviceUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
