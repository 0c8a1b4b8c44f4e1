namespace GpuImdb.Cli.Commands;

/// <summary>The exact command that resumes a run, as this process was started.</summary>
internal static class ResumeHint
{
    /// <summary>
    /// <c>PROGRAM train --resume DIR</c>, where PROGRAM is this executable, or <c>dotnet gpuimdb.dll</c>
    /// when the runtime host started it.
    /// </summary>
    public static string Command(string directory)
    {
        string? process = Environment.ProcessPath;
        string program = process is null
            ? "gpuimdb"
            : Path.GetFileNameWithoutExtension(process) == "dotnet"
                ? $"{Quote(process)} {Quote(typeof(ResumeHint).Assembly.Location)}"
                : Quote(process);
        return $"{program} train --resume {Quote(Path.GetFullPath(directory))}";
    }

    /// <summary>Quotes <paramref name="word"/> for a POSIX shell when it holds anything but safe characters.</summary>
    public static string Quote(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "/._-+=:,@%".Contains(c))
            ? word
            : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
