namespace GpuImdb.Trainer.Output;

/// <summary>Summary of a finished run, written as JSON by <see cref="MetricsFile"/>.</summary>
/// <param name="TestLoss">Mean binary cross-entropy on the test set.</param>
/// <param name="TestAccuracy">Share of test samples classified correctly.</param>
/// <param name="Epochs">Number of epochs actually run.</param>
/// <param name="SecondsPerEpoch">Wall time of each epoch run, in order.</param>
/// <param name="TotalTrainSeconds">Wall time of the whole training loop.</param>
/// <param name="Accelerator">The device, e.g. "CPU accelerator (ILGPU), 2 threads".</param>
/// <param name="Seed">Seed for weight initialization and shuffling.</param>
/// <param name="StartedUtc">When training started.</param>
public sealed record RunMetrics(
    double TestLoss,
    double TestAccuracy,
    int Epochs,
    IReadOnlyList<double> SecondsPerEpoch,
    double TotalTrainSeconds,
    string Accelerator,
    long Seed,
    DateTimeOffset StartedUtc)
{
    /// <summary>Epoch at which early stopping ended the run; null (omitted) if not.</summary>
    public int? StoppedEpoch { get; init; }

    /// <summary>Epoch whose weights were kept as the best; null (omitted) if not tracked.</summary>
    public int? BestEpoch { get; init; }
}
