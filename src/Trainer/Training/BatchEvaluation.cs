using GpuImdb.Trainer.Model;
using ILGPU;
using ILGPU.Runtime;

namespace GpuImdb.Trainer.Training;

/// <summary>
/// Loss and accuracy of a model over consecutive rows of a dataset, in batches, in row order.
/// Validation, the test at the end of training and <c>gpuimdb evaluate</c> all go through here,
/// so the same weights, batch size and rows give bit-identical sums.
/// </summary>
internal static class BatchEvaluation
{
    /// <summary>Evaluates rows first..first+samples-1; <paramref name="metrics"/> needs a slot per batch.</summary>
    public static (double Loss, double Accuracy) Run(
        SentimentModel model,
        DeviceDataset dataset,
        int first,
        int samples,
        int batchSize,
        MemoryBuffer1D<float, Stride1D.Dense> metrics)
    {
        metrics.MemSetToZero();
        for (int start = 0, slot = 0; start < samples; start += batchSize, slot++)
        {
            int count = Math.Min(batchSize, samples - start);
            model.Forward(dataset.TokenRows(first + start, count), count);
            model.Loss(dataset.LabelRows(first + start, count), count, metrics.View, slot);
        }

        return Metrics.Mean(metrics.GetAsArray1D(), samples);
    }

    /// <summary>Slots (batches) needed to evaluate <paramref name="samples"/> rows.</summary>
    public static int Slots(int samples, int batchSize) => Math.Max(1, (samples + batchSize - 1) / batchSize);
}
