namespace GpuImdb.Trainer.Output;

/// <summary>
/// The on-disk shape of <c>history.json</c>: one array per metric, as Keras's
/// <c>History.history</c> holds them, plus the epoch numbers and, when the run tracked them, the
/// epoch early stopping ended it after and the epoch with the lowest validation loss.
/// </summary>
internal sealed record HistoryDocument(
    int[] Epoch,
    double[] Loss,
    double[] Accuracy,
    double[] ValLoss,
    double[] ValAccuracy,
    double[] Seconds,
    double[] MsPerStep,
    int? StoppedEpoch = null,
    int? BestEpoch = null);
