using System.CommandLine;
using GpuImdb.Kernels;
using GpuImdb.Trainer;
using GpuImdb.Trainer.Training;

namespace GpuImdb.Cli.Commands;

/// <summary>Runs a command's action and turns failures into one message and an exit code.</summary>
internal static class CommandErrors
{
    /// <summary>Exit code for input the user can fix: a bad file, a missing device, a bad value.</summary>
    public const int UserError = 2;

    /// <summary>Exit code for an unexpected failure (a bug or an environment problem).</summary>
    public const int InternalError = 1;

    /// <summary>Exit code when training diverged (a NaN or infinite loss); the last good checkpoint is kept.</summary>
    public const int Diverged = 3;

    /// <summary>Exit code when the user interrupted the run (128 + SIGINT).</summary>
    public const int Interrupted = 130;

    public static int Run(ParseResult parseResult, Func<TextWriter, int> action)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var error = parseResult.InvocationConfiguration.Error;
        bool verbose = parseResult.GetValue(GpuImdbCli.Verbose);
        try
        {
            return action(output);
        }
        catch (TrainingDivergedException e)
        {
            error.WriteLine($"error: {e.Message}");
            if (verbose)
            {
                error.WriteLine(e);
            }

            return Diverged;
        }
        catch (Exception e) when (e is UserErrorException or DeviceUnavailableException)
        {
            error.WriteLine($"error: {e.Message}");
            if (verbose)
            {
                error.WriteLine(e);
            }

            return UserError;
        }
        catch (OperationCanceledException)
        {
            error.WriteLine("Interrupted.");
            return Interrupted;
        }
        catch (Exception e)
        {
            error.WriteLine($"error: {e.GetType().Name}: {e.Message}");
            error.WriteLine(verbose ? e.ToString() : "Run again with --verbose for the stack trace.");
            return InternalError;
        }
    }
}
