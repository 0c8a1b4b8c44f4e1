namespace GpuImdb.Trainer.Training;

/// <summary>An epoch stopped between two steps, with what a resumed run needs to finish it exactly.</summary>
/// <param name="Epoch">The 1-based epoch.</param>
/// <param name="StepsDone">Steps of the epoch already trained (at least 1, fewer than the epoch has).</param>
/// <param name="MetricSums">
/// The epoch's [steps, 2] per-step (loss sum, correct count) slots, as the device held them; the
/// slots of steps not yet run are zero.
/// </param>
/// <param name="Seconds">Training time spent on the epoch so far.</param>
public sealed record PartialEpoch(int Epoch, int StepsDone, float[] MetricSums, double Seconds);
