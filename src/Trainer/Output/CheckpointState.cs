namespace GpuImdb.Trainer.Output;

/// <summary>
/// The <c>state.json</c> entry of a checkpoint: everything but the arrays. Unfinished* describe an
/// epoch interrupted between two steps; best_val_loss is "Infinity" before the first validation.
/// </summary>
internal sealed record CheckpointState(
    string Format,
    int Version,
    CheckpointRecipe Options,
    string DataPath,
    int TrainSamples,
    int StepsPerEpoch,
    int AdamSteps,
    IReadOnlyList<EpochResult> History,
    double BestValLoss,
    int EpochsWithoutImprovement,
    DateTimeOffset StartedUtc,
    double TrainSeconds,
    int? BestEpoch = null,
    int? StoppedEpoch = null,
    int? UnfinishedEpoch = null,
    int? UnfinishedSteps = null,
    double? UnfinishedSeconds = null)
{
    /// <summary>The value of <see cref="Format"/>.</summary>
    public const string FormatName = "gpuimdb-checkpoint";

    /// <summary>The version this code writes and reads.</summary>
    public const int CurrentVersion = 1;
}
