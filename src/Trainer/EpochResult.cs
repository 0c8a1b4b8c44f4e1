namespace GpuImdb.Trainer;

/// <summary>Metrics of one training epoch, as Keras's <c>History</c> records them.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="Loss">Mean binary cross-entropy over the epoch's training samples.</param>
/// <param name="Accuracy">Share of training samples classified correctly.</param>
/// <param name="ValLoss">Mean binary cross-entropy over the validation samples.</param>
/// <param name="ValAccuracy">Share of validation samples classified correctly.</param>
/// <param name="Seconds">Wall time of the epoch, training and validation.</param>
/// <param name="MsPerStep">Milliseconds per training step (batch).</param>
public sealed record EpochResult(
    int Epoch,
    double Loss,
    double Accuracy,
    double ValLoss,
    double ValAccuracy,
    double Seconds,
    double MsPerStep);
