namespace GpuImdb.Trainer.Data;

/// <summary>Helpers for building one-line user messages out of the system's own messages.</summary>
public static class UserMessages
{
    /// <summary>
    /// <paramref name="message"/> without its closing full stop (or other trailing punctuation and
    /// spaces), so it can be followed by the caller's own punctuation: "could not be found" rather
    /// than "could not be found.; re-download".
    /// </summary>
    public static string Clause(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.TrimEnd().TrimEnd('.', ';', ':', ',', ' ');
    }
}
