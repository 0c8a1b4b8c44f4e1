namespace GpuImdb.Trainer.Prediction;

/// <summary>The test figures of a saved model.</summary>
/// <param name="Device">One-line description of the accelerator.</param>
/// <param name="DeviceReason">Why that accelerator was chosen.</param>
/// <param name="DataPath">The data file read.</param>
/// <param name="DataSeconds">Time to read and pad the data.</param>
/// <param name="Loss">Mean binary cross-entropy over the test reviews.</param>
/// <param name="Accuracy">Share of test reviews classified correctly.</param>
/// <param name="Samples">Test reviews evaluated.</param>
public sealed record EvaluationResult(
    string Device,
    string DeviceReason,
    string DataPath,
    double DataSeconds,
    double Loss,
    double Accuracy,
    int Samples);
