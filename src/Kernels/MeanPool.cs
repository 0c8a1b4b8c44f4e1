using ILGPU;
using ILGPU.Runtime;

namespace GpuImdb.Kernels;

// Mean pooling over the sequence, as Keras's GlobalAveragePooling1D without a mask: every one of
// the T positions counts, padding included.
//
// Legend: B = batch size, T = sequence length, E = embedding width.
//
// Forward:   pooled[b, e] = (1 / T) · sum over t of input[b, t, e]      [B, T, E] -> [B, E]
// Backward:  dInput[b, t, e] = dPooled[b, e] / T                        [B, E] -> [B, T, E]

/// <summary>Mean over the sequence axis and its gradient on one accelerator.</summary>
public sealed class MeanPool
{
    private readonly Accelerator _accelerator;
    private readonly Action<Index1D, ArrayView<float>, ArrayView<float>, int, int, int, int> _forward;
    private readonly Action<Index1D, ArrayView<float>, ArrayView<float>, int, int, int, int> _backward;

    /// <summary>Kernel launches made so far (for benchmarks).</summary>
    public long Launches { get; private set; }

    /// <summary>Compiles the kernels once for <paramref name="accelerator"/>.</summary>
    public MeanPool(Accelerator accelerator)
    {
        ArgumentNullException.ThrowIfNull(accelerator);
        _accelerator = accelerator;
        _forward = accelerator.LoadAutoGroupedStreamKernel<
            Index1D, ArrayView<float>, ArrayView<float>, int, int, int, int>(MeanPoolForwardKernel);
        _backward = accelerator.LoadAutoGroupedStreamKernel<
            Index1D, ArrayView<float>, ArrayView<float>, int, int, int, int>(MeanPoolBackwardKernel);
    }

    /// <summary>Averages <paramref name="input"/> over its T positions.</summary>
    /// <param name="input">[B, T, E].</param>
    /// <param name="pooled">[B, E] output.</param>
    /// <param name="batchSize">B.</param>
    /// <param name="sequenceLength">T.</param>
    /// <param name="embeddingDim">E.</param>
    public void Forward(
        ArrayView<float> input,
        ArrayView<float> pooled,
        int batchSize,
        int sequenceLength,
        int embeddingDim)
    {
        Shapes.Positive("MeanPool forward", nameof(sequenceLength), sequenceLength);
        long rows = (long)batchSize * embeddingDim;
        Shapes.Require("MeanPool forward", "input", input.Length, rows * sequenceLength);
        Shapes.Require("MeanPool forward", "pooled", pooled.Length, rows);

        int threads = LaunchSize.For(_accelerator, rows);
        Launches++;
        _forward(threads, input, pooled, batchSize, sequenceLength, embeddingDim, threads);
    }

    /// <summary>Spreads <paramref name="dPooled"/> evenly over the T positions.</summary>
    /// <param name="dPooled">[B, E] gradient of the pooled output.</param>
    /// <param name="dInput">[B, T, E] overwritten with the gradient of the input.</param>
    /// <param name="batchSize">B.</param>
    /// <param name="sequenceLength">T.</param>
    /// <param name="embeddingDim">E.</param>
    public void Backward(
        ArrayView<float> dPooled,
        ArrayView<float> dInput,
        int batchSize,
        int sequenceLength,
        int embeddingDim)
    {
        Shapes.Positive("MeanPool backward", nameof(sequenceLength), sequenceLength);
        long positions = (long)batchSize * sequenceLength;
        Shapes.Require("MeanPool backward", "dPooled", dPooled.Length, (long)batchSize * embeddingDim);
        Shapes.Require("MeanPool backward", "dInput", dInput.Length, positions * embeddingDim);

        int threads = LaunchSize.For(_accelerator, positions);
        Launches++;
        _backward(threads, dPooled, dInput, batchSize, sequenceLength, embeddingDim, threads);
    }

    #region Kernels

    // One work item per (b, e): sums T values strided by E, in order t = 0..T-1.
    internal static void MeanPoolForwardKernel(
        Index1D index,
        ArrayView<float> input,    // [B, T, E]
        ArrayView<float> pooled,   // [B, E]
        int batchSize,
        int sequenceLength,
        int embeddingDim,
        int stride)
    {
        int items = batchSize * embeddingDim;
        float scale = 1f / sequenceLength;
        for (int i = index; i < items; i += stride)
        {
            int b = i / embeddingDim;
            int e = i - b * embeddingDim;
            long offset = (long)b * sequenceLength * embeddingDim + e;
            float sum = 0f;
            for (int t = 0; t < sequenceLength; t++)
            {
                sum += input[offset + (long)t * embeddingDim];
            }

            pooled[i] = sum * scale;
        }
    }

    // One work item per position (b, t): writes its E gradients.
    internal static void MeanPoolBackwardKernel(
        Index1D index,
        ArrayView<float> dPooled,  // [B, E]
        ArrayView<float> dInput,   // [B, T, E]
        int batchSize,
        int sequenceLength,
        int embeddingDim,
        int stride)
    {
        int positions = batchSize * sequenceLength;
        float scale = 1f / sequenceLength;
        for (int p = index; p < positions; p += stride)
        {
            int b = p / sequenceLength;
            long outBase = (long)p * embeddingDim;
            long inBase = (long)b * embeddingDim;
            for (int e = 0; e < embeddingDim; e++)
            {
                dInput[outBase + e] = dPooled[inBase + e] * scale;
            }
        }
    }

    #endregion
}
