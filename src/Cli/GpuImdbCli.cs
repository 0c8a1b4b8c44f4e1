using System.CommandLine;
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
        var configuration = new InvocationConfiguration { Output = output, Error = error };
        return CreateRoot(input).Parse(args).Invoke(configuration);
    }
}
