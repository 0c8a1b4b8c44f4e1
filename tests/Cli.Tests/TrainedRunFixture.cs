using GpuImdb.Tests;

namespace GpuImdb.Cli.Tests;

/// <summary>One real two-epoch <c>gpuimdb train --output</c> run, shared by the tests of what follows it.</summary>
public sealed class TrainedRunFixture : IDisposable
{
    private readonly TempDir _dir = new();

    public TrainedRunFixture()
    {
        Train = CliRun.Of("train", "--accelerator", "cpu", "--data", SharedData.ImdbNpz, "--epochs", "2",
            "--output", _dir.Path);
    }

    /// <summary>The model folder.</summary>
    public string Directory => _dir.Path;

    internal CliRun Train { get; }

    public void Dispose() => _dir.Dispose();
}
