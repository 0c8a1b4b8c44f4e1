namespace GpuImdb.Kernels;

/// <summary>Host-side shape checks: kernels cannot throw, so every check runs before launch.</summary>
internal static class Shapes
{
    /// <summary>Throws when a view holds fewer elements than the operation reads or writes.</summary>
    public static void Require(string operation, string name, long actualLength, long requiredLength)
    {
        if (actualLength < requiredLength)
        {
            throw new ArgumentException(
                $"{operation}: {name} holds {actualLength} elements but {requiredLength} are needed.",
                name);
        }
    }

    /// <summary>Throws unless <paramref name="value"/> is positive.</summary>
    public static void Positive(string operation, string name, int value)
    {
        if (value <= 0)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{operation}: {name} must be positive.");
        }
    }
}
