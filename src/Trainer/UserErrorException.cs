namespace GpuImdb.Trainer;

/// <summary>
/// A problem the user can fix (a missing or malformed file, a bad option value). The CLI prints
/// its message alone, without a stack trace, and exits with code 2.
/// </summary>
public class UserErrorException : Exception
{
    public UserErrorException(string message)
        : base(message)
    {
    }

    public UserErrorException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
