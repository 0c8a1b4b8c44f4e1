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
    public static RootCommand CreateRoot()
    {
        var root = new RootCommand(
            "Train the Keras IMDB sentiment tutorial's model on hand-written ILGPU kernels (CUDA, OpenCL or CPU).")
        {
            Verbose,
            TrainCommand.Create(),
            DecodeCommand.Create(),
            DataCommand.Create(),
            DevicesCommand.Create(),
            BenchCommand.Create(),
        };
        return root;
    }

    /// <summary>Parses <paramref name="args"/> and runs the command; returns the exit code.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var configuration = new InvocationConfiguration { Output = output, Error = error };
        return CreateRoot().Parse(args).Invoke(configuration);
    }
}
