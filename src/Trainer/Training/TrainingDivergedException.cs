namespace GpuImdb.Trainer.Training;

/// <summary>
/// A training or validation loss became NaN or infinite. The run stopped without overwriting its
/// last good checkpoint; the message says which epoch and step, and what to change.
/// </summary>
public sealed class TrainingDivergedException : UserErrorException
{
    /// <summary>Describes the first non-finite loss.</summary>
    /// <param name="epoch">The 1-based epoch.</param>
    /// <param name="step">The 1-based step whose batch loss was not finite, or null for the validation loss.</param>
    /// <param name="value">The non-finite value.</param>
    /// <param name="checkpointPath">The last good checkpoint, or null when there is none.</param>
    /// <param name="checkpointEpochs">Completed epochs that checkpoint holds.</param>
    /// <param name="learningRate">The run's learning rate, for the hint.</param>
    public TrainingDivergedException(
        int epoch, int? step, double value, string? checkpointPath, int checkpointEpochs, double learningRate)
        : base(Describe(epoch, step, value, checkpointPath, checkpointEpochs, learningRate))
    {
        Epoch = epoch;
        Step = step;
        CheckpointPath = checkpointPath;
    }

    /// <summary>The 1-based epoch in which the loss diverged.</summary>
    public int Epoch { get; }

    /// <summary>The 1-based step whose loss was not finite; null when only the validation loss was.</summary>
    public int? Step { get; }

    /// <summary>The last good checkpoint, or null when there is none.</summary>
    public string? CheckpointPath { get; }

    private static string Describe(
        int epoch, int? step, double value, string? checkpointPath, int checkpointEpochs, double learningRate)
    {
        string what = step is null
            ? $"the validation loss of epoch {epoch} is {value}"
            : $"the training loss became {value} in epoch {epoch}, step {step}";
        string kept = checkpointPath is null || checkpointEpochs == 0
            ? "No checkpoint was saved before it."
            : $"The last good checkpoint (after epoch {checkpointEpochs}) is kept in {checkpointPath}.";
        string rate = learningRate.ToString("G", System.Globalization.CultureInfo.InvariantCulture);
        return $"Training diverged: {what}. {kept} Train again with a lower --learning-rate (this run used {rate}).";
    }
}
