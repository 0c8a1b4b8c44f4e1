using ILGPU;
using ILGPU.Runtime;

namespace GpuImdb.Kernels;

// Sigmoid + binary cross-entropy, fused, on one logit per sample.
//
// Legend: B = batch size; z = logit, y = label in {0, 1}, p = sigmoid(z).
//
// Forward (computed from the logit so it stays finite for any z, e.g. ±100):
//   loss[b] = max(z, 0) − z · y + log(1 + exp(−|z|))        = −y·log(p) − (1−y)·log(1−p)
//   correct[b] = 1 when (p > 0.5) equals (y > 0.5), else 0
// Backward (gradient of the batch mean loss):
//   dLogits[b] = (p − y) · gradScale                          gradScale = 1 / B for a batch mean
// Metrics: one thread sums loss and correct over the batch in a fixed order into a slot of an
// accumulator, so the host reads metrics once per epoch, not once per step.

/// <summary>Fused sigmoid and binary cross-entropy, its gradient, and batch metrics.</summary>
public sealed class SigmoidBce
{
    private readonly Accelerator _accelerator;

    private readonly Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>,
        ArrayView<float>, ArrayView<float>, int, float, int> _forwardBackward;

    private readonly Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int> _sumMetrics;

    /// <summary>Kernel launches made so far (for benchmarks).</summary>
    public long Launches { get; private set; }

    /// <summary>Compiles the kernels once for <paramref name="accelerator"/>.</summary>
    public SigmoidBce(Accelerator accelerator)
    {
        ArgumentNullException.ThrowIfNull(accelerator);
        _accelerator = accelerator;
        _forwardBackward = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>,
            ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>,
            int, float, int>(SigmoidBceForwardBackwardKernel);
        _sumMetrics = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>,
            ArrayView<float>, int, int>(SigmoidBceSumMetricsKernel);
    }

    /// <summary>Probabilities, per-sample losses, correctness and the logit gradient.</summary>
    /// <param name="logits">[B] pre-sigmoid outputs.</param>
    /// <param name="labels">[B] targets, 0 or 1.</param>
    /// <param name="probabilities">[B] sigmoid(logits).</param>
    /// <param name="losses">[B] binary cross-entropy per sample.</param>
    /// <param name="correct">[B] 1 where the thresholded prediction matches the label.</param>
    /// <param name="dLogits">[B] (p − y) · <paramref name="gradScale"/>.</param>
    /// <param name="batchSize">B.</param>
    /// <param name="gradScale">Scale of the gradient, 1 / B for the mean loss of the batch.</param>
    public void ForwardBackward(
        ArrayView<float> logits,
        ArrayView<float> labels,
        ArrayView<float> probabilities,
        ArrayView<float> losses,
        ArrayView<float> correct,
        ArrayView<float> dLogits,
        int batchSize,
        float gradScale)
    {
        const string op = "SigmoidBce forward";
        Shapes.Require(op, "logits", logits.Length, batchSize);
        Shapes.Require(op, "labels", labels.Length, batchSize);
        Shapes.Require(op, "probabilities", probabilities.Length, batchSize);
        Shapes.Require(op, "losses", losses.Length, batchSize);
        Shapes.Require(op, "correct", correct.Length, batchSize);
        Shapes.Require(op, "dLogits", dLogits.Length, batchSize);

        int threads = LaunchSize.For(_accelerator, batchSize);
        Launches++;
        _forwardBackward(threads, logits, labels, probabilities, losses, correct, dLogits,
            batchSize, gradScale, threads);
    }

    /// <summary>
    /// Adds the batch's summed loss and number correct to <c>metrics[2·slot]</c> and
    /// <c>metrics[2·slot + 1]</c>.
    /// </summary>
    /// <param name="losses">[B] per-sample losses.</param>
    /// <param name="correct">[B] per-sample correctness.</param>
    /// <param name="metrics">[S, 2] accumulator: (loss sum, correct count) per slot.</param>
    /// <param name="batchSize">B.</param>
    /// <param name="slot">Row of <paramref name="metrics"/> to add into.</param>
    public void SumMetrics(
        ArrayView<float> losses,
        ArrayView<float> correct,
        ArrayView<float> metrics,
        int batchSize,
        int slot)
    {
        const string op = "SigmoidBce metrics";
        Shapes.Require(op, "losses", losses.Length, batchSize);
        Shapes.Require(op, "correct", correct.Length, batchSize);
        Shapes.Require(op, "metrics", metrics.Length, 2L * slot + 2);

        Launches++;

        _sumMetrics(1, losses, correct, metrics, batchSize, slot);
    }

    #region Kernels

    // One work item per sample.
    internal static void SigmoidBceForwardBackwardKernel(
        Index1D index,
        ArrayView<float> logits,         // [B]
        ArrayView<float> labels,         // [B]
        ArrayView<float> probabilities,  // [B]
        ArrayView<float> losses,         // [B]
        ArrayView<float> correct,        // [B]
        ArrayView<float> dLogits,        // [B]
        int batchSize,
        float gradScale,
        int stride)
    {
        for (int b = index; b < batchSize; b += stride)
        {
            float z = logits[b];
            float y = labels[b];

            // exp(−|z|) never overflows; both branches of the sigmoid use it.
            float e = MathF.Exp(-MathF.Abs(z));
            float p = z >= 0f ? 1f / (1f + e) : e / (1f + e);
            probabilities[b] = p;
            losses[b] = MathF.Max(z, 0f) - z * y + MathF.Log(1f + e);
            correct[b] = (p > 0.5f) == (y > 0.5f) ? 1f : 0f;
            dLogits[b] = (p - y) * gradScale;
        }
    }

    // A single thread: the batch is small and a fixed summation order keeps metrics reproducible.
    internal static void SigmoidBceSumMetricsKernel(
        Index1D index,
        ArrayView<float> losses,   // [B]
        ArrayView<float> correct,  // [B]
        ArrayView<float> metrics,  // [S, 2]
        int batchSize,
        int slot)
    {
        float lossSum = 0f;
        float correctSum = 0f;
        for (int b = 0; b < batchSize; b++)
        {
            lossSum += losses[b];
            correctSum += correct[b];
        }

        metrics[2 * slot] += lossSum;
        metrics[2 * slot + 1] += correctSum;
    }

    #endregion
}
