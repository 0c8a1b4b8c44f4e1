namespace GpuImdb.Trainer.Tests.Output;

internal static class SampleHistory
{
    // Values chosen to need every digit of a double (0.1 + 0.2) and to be exact (0.5).
    public static readonly EpochResult[] TwoEpochs =
    [
        new(1, 0.6931471805599453, 0.5, 0.69, 0.1 + 0.2, 4.25, 6.8),
        new(2, 0.3125, 0.875, 0.33041, 0.86111, 3.5, 5.6000000000000005),
    ];

    // A Keras-like shape: training keeps improving, validation turns after a few epochs.
    public static EpochResult[] TenEpochs() =>
    [
        .. Enumerable.Range(1, 10).Select(epoch => new EpochResult(
            epoch,
            Loss: 0.6 * Math.Exp(-0.35 * (epoch - 1)),
            Accuracy: 0.7 + 0.028 * epoch,
            ValLoss: 0.5 - 0.06 * epoch + 0.008 * epoch * epoch,
            ValAccuracy: 0.78 + 0.03 * epoch - 0.0025 * epoch * epoch,
            Seconds: 4.0,
            MsPerStep: 6.0)),
    ];
}
