namespace GpuImdb.Trainer.Training;

/// <summary>
/// Everything needed to continue a run exactly where it stopped: the recipe, the weights and
/// Adam's moments, the step count, the history, the early-stopping state and, when the run stopped
/// inside an epoch, that epoch's position. The shuffle of every epoch is derived from the seed and
/// the epoch number, so no random generator state is kept.
/// </summary>
/// <param name="Options">The run's options (their <see cref="TrainerOptions.CheckpointPath"/> is not kept).</param>
/// <param name="DataPath">The data file trained on.</param>
/// <param name="TrainSamples">Training reviews per epoch, to check that the data still matches.</param>
/// <param name="StepsPerEpoch">Steps per epoch.</param>
/// <param name="History">The completed epochs.</param>
/// <param name="AdamSteps">Adam steps taken so far (the bias correction depends on it).</param>
/// <param name="Parameters">The flat parameter vector, laid out as <see cref="Model.ModelConfig.Tensors"/>.</param>
/// <param name="FirstMoment">Adam's first moment, laid out like the parameters.</param>
/// <param name="SecondMoment">Adam's second moment, laid out like the parameters.</param>
/// <param name="Stopping">Best epoch, wait and stop.</param>
/// <param name="BestParameters">The best epoch's parameters when the run restores them; else null.</param>
/// <param name="Unfinished">The epoch in progress when the run was interrupted inside it; else null.</param>
/// <param name="StartedUtc">When the run first started.</param>
/// <param name="TrainSeconds">Training time of the completed epochs.</param>
public sealed record TrainingCheckpoint(
    TrainerOptions Options,
    string DataPath,
    int TrainSamples,
    int StepsPerEpoch,
    IReadOnlyList<EpochResult> History,
    int AdamSteps,
    float[] Parameters,
    float[] FirstMoment,
    float[] SecondMoment,
    EarlyStopping Stopping,
    float[]? BestParameters,
    PartialEpoch? Unfinished,
    DateTimeOffset StartedUtc,
    double TrainSeconds)
{
    /// <summary>The file name of the checkpoint in a run's output folder.</summary>
    public const string FileName = "checkpoint.npz";

    /// <summary>Epochs completed.</summary>
    public int CompletedEpochs => History.Count;
}
