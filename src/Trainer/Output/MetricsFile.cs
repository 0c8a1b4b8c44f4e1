namespace GpuImdb.Trainer.Output;

/// <summary>Writes <see cref="RunMetrics"/> as indented snake_case JSON.</summary>
public static class MetricsFile
{
    /// <summary>
    /// Writes <c>test_loss</c>, <c>test_accuracy</c>, <c>epochs</c>, <c>seconds_per_epoch</c>,
    /// <c>total_train_seconds</c>, <c>accelerator</c>, <c>seed</c> and <c>started_utc</c>
    /// (ISO 8601, converted to UTC), then <c>stopped_epoch</c> and <c>best_epoch</c> when set.
    /// </summary>
    public static void Write(string path, RunMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        if (metrics.SecondsPerEpoch.Count != metrics.Epochs)
        {
            throw new ArgumentException(
                $"Epochs is {metrics.Epochs} but SecondsPerEpoch has "
                + $"{metrics.SecondsPerEpoch.Count} entries; give one duration per epoch run.",
                nameof(metrics));
        }

        var utc = metrics with { StartedUtc = metrics.StartedUtc.ToUniversalTime() };
        AtomicFile.Write(path, OutputJson.Serialize(utc));
    }
}
