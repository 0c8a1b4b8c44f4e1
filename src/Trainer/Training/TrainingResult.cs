using GpuImdb.Trainer.Data;
using GpuImdb.Trainer.Model;

namespace GpuImdb.Trainer.Training;

/// <summary>The outcome of a finished run.</summary>
/// <param name="Plan">What was run.</param>
/// <param name="History">Metrics per epoch.</param>
/// <param name="TestLoss">Mean binary cross-entropy on the test reviews.</param>
/// <param name="TestAccuracy">Share of test reviews classified correctly.</param>
/// <param name="Parameters">
/// Final flat parameter vector (the best epoch's with <see cref="TrainerOptions.RestoreBest"/>), laid out as
/// <see cref="ModelConfig.Tensors"/>.
/// </param>
/// <param name="TrainSeconds">Wall time of all epochs (training and validation).</param>
public sealed record TrainingResult(
    TrainingPlan Plan,
    IReadOnlyList<EpochResult> History,
    double TestLoss,
    double TestAccuracy,
    float[] Parameters,
    double TrainSeconds)
{
    /// <summary>The epoch after which early stopping ended the run; null when it ran every epoch.</summary>
    public int? StoppedEpoch { get; init; }

    /// <summary>
    /// The epoch with the lowest validation loss, when the run tracked it (<c>--patience</c> or
    /// <c>--restore-best</c>); with <see cref="TrainerOptions.RestoreBest"/> its weights are the result's.
    /// </summary>
    public int? BestEpoch { get; init; }

    /// <summary>
    /// The word index built from raw training reviews when no word index file was given; the ids
    /// (and so the weights) mean nothing without it. Saved as word_index.json with the run.
    /// </summary>
    public WordIndex? BuiltWordIndex { get; init; }
}
