using System.CommandLine;
using System.CommandLine.Parsing;
using GpuImdb.Cli.Commands;

namespace GpuImdb.Cli;

/// <summary>The <c>gpuimdb</c> command line: its commands and how it reports errors.</summary>
public static class GpuImdbCli
{
    /// <summary>Shows stack traces of failures; on every command.</summary>
    public static readonly Option<bool> Verbose = new("--verbose")
    {
        Description = "Show the stack trace of an error",
        Recursive = true,
    };

    /// <summary>Builds the root command with every sub-command.</summary>
    /// <param name="input">What <c>predict</c> reads reviews from; null for standard input.</param>
    public static RootCommand CreateRoot(TextReader? input = null)
    {
        var root = new RootCommand(
            "Train the Keras IMDB sentiment tutorial's model on hand-written ILGPU kernels (CUDA, OpenCL or CPU).")
        {
            Verbose,
            TrainCommand.Create(),
            EvaluateCommand.Create(),
            PredictCommand.Create(input),
            DecodeCommand.Create(),
            DataCommand.Create(),
            DevicesCommand.Create(),
            BenchCommand.Create(),
        };
        return root;
    }

    /// <summary>Parses <paramref name="args"/> and runs the command; returns the exit code.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="output">Results.</param>
    /// <param name="error">Errors and warnings.</param>
    /// <param name="input">Standard input for <c>predict</c>; null for the console's.</param>
    public static int Run(string[] args, TextWriter output, TextWriter error, TextReader? input = null)
    {
        var parseResult = CreateRoot(input).Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            return ReportParseErrors(parseResult, error);
        }

        var configuration = new InvocationConfiguration { Output = output, Error = error };
        return parseResult.Invoke(configuration);
    }

    // A mistyped command line is bad input like any other: one "error:" line per problem, a pointer
    // to the command's help, and exit code 2 (System.CommandLine's default prints the whole help
    // to stdout and exits with 1, the code this tool keeps for bugs).
    private static int ReportParseErrors(ParseResult parseResult, TextWriter error)
    {
        foreach (var parseError in parseResult.Errors)
        {
            error.WriteLine($"error: {Plain(parseError.Message)}");
        }

        var names = new List<string>();
        for (var result = parseResult.CommandResult; result is not null; result = result.Parent as CommandResult)
        {
            names.Insert(0, result.Command is RootCommand ? "gpuimdb" : result.Command.Name);
        }

        error.WriteLine($"Run '{string.Join(' ', names)} --help' for the options.");
        return 2;
    }

    // System.CommandLine names .NET types in conversion errors; say what a user would.
    private static string Plain(string message) => message
        .Replace("as expected type 'System.Int32'", "as a whole number", StringComparison.Ordinal)
        .Replace("as expected type 'System.UInt32'", "as a whole number from 0 to 4294967295", StringComparison.Ordinal)
        .Replace("as expected type 'System.Double'", "as a number", StringComparison.Ordinal)
        .Replace("as expected type 'System.Nullable`1[System.Int32]'", "as a whole number", StringComparison.Ordinal);
}
