namespace GpuImdb.Trainer.Training;

/// <summary>
/// Keras's <c>EarlyStopping(monitor="val_loss", mode="min", min_delta=0)</c> as an immutable
/// state: which epoch had the lowest validation loss, how many epochs have passed without a
/// strict improvement, and the epoch at which the run stopped.
/// </summary>
/// <param name="Patience">
/// Stop after this many epochs in a row without improvement; null tracks the best epoch only.
/// </param>
/// <param name="BestEpoch">The 1-based epoch with the lowest validation loss so far; null before any.</param>
/// <param name="BestValLoss">That epoch's validation loss; +∞ before any.</param>
/// <param name="Wait">Epochs since the last improvement.</param>
/// <param name="StoppedEpoch">The epoch after which the run stopped; null while it goes on.</param>
public sealed record EarlyStopping(
    int? Patience,
    int? BestEpoch = null,
    double BestValLoss = double.PositiveInfinity,
    int Wait = 0,
    int? StoppedEpoch = null)
{
    /// <summary>True when the run should stop.</summary>
    public bool ShouldStop => StoppedEpoch is not null;

    /// <summary>
    /// The state after <paramref name="epoch"/> ended with <paramref name="valLoss"/>. As in Keras,
    /// an improvement is a strictly lower loss (NaN never improves), it resets the wait, and the
    /// run stops once the wait reaches the patience, never after the first epoch.
    /// </summary>
    public EarlyStopping Observe(int epoch, double valLoss)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(epoch);
        if (valLoss < BestValLoss)
        {
            return this with { BestEpoch = epoch, BestValLoss = valLoss, Wait = 0 };
        }

        int wait = Wait + 1;
        bool stop = Patience is int patience && wait >= patience && epoch > 1;
        return this with { Wait = wait, StoppedEpoch = stop ? epoch : null };
    }
}
