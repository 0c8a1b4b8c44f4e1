using GpuImdb.Trainer.Data;
using GpuImdb.Trainer.Model;

namespace GpuImdb.Trainer.Training;

/// <summary>What a run is about to do, reported once before the first epoch.</summary>
/// <param name="Device">One-line description of the accelerator.</param>
/// <param name="DeviceReason">Why that accelerator was chosen.</param>
/// <param name="DataPath">The data file or folder read.</param>
/// <param name="Model">Model sizes.</param>
/// <param name="TrainSamples">Samples trained on per epoch.</param>
/// <param name="ValidationSamples">Samples held out for validation.</param>
/// <param name="TestSamples">Samples of the final test.</param>
/// <param name="StepsPerEpoch">Training steps (batches) per epoch.</param>
/// <param name="Options">The run's options.</param>
/// <param name="DataSeconds">Time to read and prepare the data.</param>
/// <param name="StartupSeconds">Time to open the device, compile kernels and upload data.</param>
/// <param name="StartedUtc">When the run started.</param>
public sealed record TrainingPlan(
    string Device,
    string DeviceReason,
    string DataPath,
    ModelConfig Model,
    int TrainSamples,
    int ValidationSamples,
    int TestSamples,
    int StepsPerEpoch,
    TrainerOptions Options,
    double DataSeconds,
    double StartupSeconds,
    DateTimeOffset StartedUtc)
{
    /// <summary>The form the data was read from.</summary>
    public ImdbFormat DataFormat { get; init; } = ImdbFormat.Npz;

    /// <summary>For raw reviews: the word index file used, if any.</summary>
    public string? WordIndexPath { get; init; }

    /// <summary>For raw reviews without a word index file: the size of the index built from them.</summary>
    public int? BuiltWordIndexSize { get; init; }
}
