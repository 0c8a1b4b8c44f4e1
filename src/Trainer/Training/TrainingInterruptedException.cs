namespace GpuImdb.Trainer.Training;

/// <summary>
/// The run was cancelled. It stopped after a whole step, saved a checkpoint when it has a
/// <see cref="TrainerOptions.CheckpointPath"/>, and can be resumed from there.
/// </summary>
public sealed class TrainingInterruptedException : OperationCanceledException
{
    /// <summary>Describes where the run stopped.</summary>
    /// <param name="epoch">The 1-based epoch the run was in.</param>
    /// <param name="stepsDone">
    /// Steps of that epoch trained; equal to <paramref name="steps"/> after a whole epoch.
    /// </param>
    /// <param name="steps">Steps per epoch.</param>
    /// <param name="checkpointPath">The checkpoint written, or null when the run keeps none.</param>
    public TrainingInterruptedException(int epoch, int stepsDone, int steps, string? checkpointPath)
        : base(Describe(epoch, stepsDone, steps, checkpointPath))
    {
        Epoch = epoch;
        StepsDone = stepsDone;
        Steps = steps;
        CheckpointPath = checkpointPath;
    }

    /// <summary>The 1-based epoch the run was in.</summary>
    public int Epoch { get; }

    /// <summary>Steps of <see cref="Epoch"/> trained.</summary>
    public int StepsDone { get; }

    /// <summary>Steps per epoch.</summary>
    public int Steps { get; }

    /// <summary>The checkpoint written, or null when the run keeps none.</summary>
    public string? CheckpointPath { get; }

    private static string Describe(int epoch, int stepsDone, int steps, string? checkpointPath)
    {
        string where = stepsDone == steps
            ? $"Interrupted after epoch {epoch}"
            : $"Interrupted in epoch {epoch} after step {stepsDone} of {steps}";
        return checkpointPath is null
            ? $"{where}; no checkpoint was saved (pass --output DIR to keep one)."
            : $"{where}; saved a checkpoint to {checkpointPath}.";
    }
}
