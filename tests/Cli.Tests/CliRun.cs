namespace GpuImdb.Cli.Tests;

/// <summary>Runs the real command line in-process and captures what it prints.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static CliRun Of(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = GpuImdbCli.Run(args, output, error);
        return new CliRun(code, output.ToString(), error.ToString());
    }

    /// <summary>Runs with <paramref name="input"/> as standard input.</summary>
    public static CliRun WithInput(string input, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var reader = new StringReader(input);
        int code = GpuImdbCli.Run(args, output, error, reader);
        return new CliRun(code, output.ToString(), error.ToString());
    }
}
