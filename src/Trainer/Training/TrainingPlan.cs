using GpuImdb.Trainer.Model;

namespace GpuImdb.Trainer.Training;

/// <summary>What a run is about to do, reported once before the first epoch.</summary>
/// <param name="Device">One-line description of the accelerator.</param>
/// <param name="DeviceReason">Why that accelerator was chosen.</param>
/// <param name="DataPath">The data file read.</param>
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
    DateTimeOffset StartedUtc);
