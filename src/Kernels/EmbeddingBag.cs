using ILGPU;
using ILGPU.Runtime;

namespace GpuImdb.Kernels;

// EmbeddingBag: an embedding lookup and the mean over the sequence, fused, as PyTorch's
// nn.EmbeddingBag(mode="mean"). It computes exactly Embedding followed by MeanPool without
// materialising the [B, T, E] rows in between, in either direction.
//
// Legend: B = batch size, T = sequence length, V = vocabulary size, E = embedding width;
// n_b = T, or with maskPadding the number of non-zero ids of sample b (at least 1).
//
// Forward:
//   pooled[b, e] = (1 / n_b) · sum over t (skipping id 0 when masking) of weights[tokens[b, t], e]
//   divisors[b]  = n_b                                      (kept for the backward)
// Backward:
//   dWeights[v, e] = sum over (b, t) with tokens[b, t] == v (id 0 skipped when masking)
//                    of dPooled[b, e] / n_b
//   Every row is written; rows of ids absent from the batch get zero.
//
// The backward has two atomic-free, fixed-order schemes (EmbeddingBackwardScheme). On the CPU
// accelerator, as in Embedding, each logical thread owns a contiguous range of vocabulary rows and
// walks every token of the batch in order. On a GPU a stable counting sort groups the positions by
// id first (EmbeddingBag.CountingSort.cs), so each (row, column) thread reads only its own tokens.
// Both directions treat id 0 (padding) by count: unmasked, its row enters each sample's sum once,
// times the number of zeros, instead of once per padded position. That is the same sum in a
// different order, so results agree with Embedding + MeanPool to rounding, not to the bit.

/// <summary>Fused embedding lookup + mean pooling and its gradient on one accelerator.</summary>
public sealed partial class EmbeddingBag : IDisposable
{
    // Columns one forward thread sums in registers.
    private const int ColumnsPerThread = 4;

    // Gradient columns one backward pass over a sample's ids keeps in registers.
    private const int ColumnsPerPass = 16;

    private readonly Accelerator _accelerator;

    private readonly Action<Index1D, ArrayView<int>, ArrayView<float>, ArrayView<float>, ArrayView<float>,
        int, int, int, int, int, int> _forward;

    private readonly Action<Index1D, ArrayView<int>, ArrayView<float>, ArrayView<float>, ArrayView<float>,
        int, int, int, int, int, int> _backward;

    /// <summary>Compiles the kernels once for <paramref name="accelerator"/>.</summary>
    /// <param name="accelerator">Where the kernels run.</param>
    /// <param name="backwardScheme">How the backward groups tokens by id; Auto picks by accelerator.</param>
    public EmbeddingBag(Accelerator accelerator, EmbeddingBackwardScheme backwardScheme = EmbeddingBackwardScheme.Auto)
    {
        ArgumentNullException.ThrowIfNull(accelerator);
        _accelerator = accelerator;
        BackwardScheme = backwardScheme != EmbeddingBackwardScheme.Auto
            ? backwardScheme
            : accelerator.AcceleratorType == AcceleratorType.CPU
                ? EmbeddingBackwardScheme.OwnerScan
                : EmbeddingBackwardScheme.CountingSort;
        _forward = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<int>, ArrayView<float>,
            ArrayView<float>, ArrayView<float>, int, int, int, int, int, int>(EmbeddingBagForwardKernel);
        _backward = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<int>, ArrayView<float>,
            ArrayView<float>, ArrayView<float>, int, int, int, int, int, int>(EmbeddingBagBackwardKernel);
    }

    /// <summary>Kernel launches made so far (for benchmarks).</summary>
    public long Launches { get; private set; }

    /// <summary>The scheme <see cref="Backward"/> uses (never <see cref="EmbeddingBackwardScheme.Auto"/>).</summary>
    public EmbeddingBackwardScheme BackwardScheme { get; }

    /// <summary>Mean of each sample's embedding rows.</summary>
    /// <param name="tokens">[B, T] token ids in [0, V).</param>
    /// <param name="weights">[V, E] embedding table.</param>
    /// <param name="pooled">[B, E] output.</param>
    /// <param name="divisors">[B] output: the count each mean divided by.</param>
    /// <param name="batchSize">B.</param>
    /// <param name="sequenceLength">T.</param>
    /// <param name="vocabSize">V.</param>
    /// <param name="embeddingDim">E.</param>
    /// <param name="maskPadding">Skip id 0 and divide by the number of other ids.</param>
    public void Forward(
        ArrayView<int> tokens,
        ArrayView<float> weights,
        ArrayView<float> pooled,
        ArrayView<float> divisors,
        int batchSize,
        int sequenceLength,
        int vocabSize,
        int embeddingDim,
        bool maskPadding)
    {
        const string op = "EmbeddingBag forward";
        Shapes.Positive(op, nameof(sequenceLength), sequenceLength);
        Shapes.Require(op, "tokens", tokens.Length, (long)batchSize * sequenceLength);
        Shapes.Require(op, "weights", weights.Length, (long)vocabSize * embeddingDim);
        Shapes.Require(op, "pooled", pooled.Length, (long)batchSize * embeddingDim);
        Shapes.Require(op, "divisors", divisors.Length, batchSize);

        long items = (long)batchSize * ((embeddingDim + ColumnsPerThread - 1) / ColumnsPerThread);
        int threads = LaunchSize.For(_accelerator, items);
        Launches++;
        _forward(threads, tokens, weights, pooled, divisors, batchSize, sequenceLength, vocabSize, embeddingDim,
            maskPadding ? 1 : 0, threads);
    }

    /// <summary>Gradient of the embedding table from the gradient of the pooled output.</summary>
    /// <param name="tokens">[B, T] the ids given to <see cref="Forward"/>.</param>
    /// <param name="dPooled">[B, E] gradient of the loss with respect to the pooled output.</param>
    /// <param name="divisors">[B] the divisors written by <see cref="Forward"/>.</param>
    /// <param name="dWeights">[V, E] overwritten with the gradient of the table.</param>
    /// <param name="batchSize">B.</param>
    /// <param name="sequenceLength">T.</param>
    /// <param name="vocabSize">V.</param>
    /// <param name="embeddingDim">E.</param>
    /// <param name="maskPadding">Whether the forward pass skipped id 0.</param>
    public void Backward(
        ArrayView<int> tokens,
        ArrayView<float> dPooled,
        ArrayView<float> divisors,
        ArrayView<float> dWeights,
        int batchSize,
        int sequenceLength,
        int vocabSize,
        int embeddingDim,
        bool maskPadding)
    {
        const string op = "EmbeddingBag backward";
        Shapes.Require(op, "tokens", tokens.Length, (long)batchSize * sequenceLength);
        Shapes.Require(op, "dPooled", dPooled.Length, (long)batchSize * embeddingDim);
        Shapes.Require(op, "divisors", divisors.Length, batchSize);
        Shapes.Require(op, "dWeights", dWeights.Length, (long)vocabSize * embeddingDim);

        if (BackwardScheme == EmbeddingBackwardScheme.CountingSort)
        {
            BackwardCountingSort(tokens, dPooled, divisors, dWeights, batchSize, sequenceLength, vocabSize,
                embeddingDim, maskPadding ? 1 : 0);
            return;
        }

        int owners = Math.Min(LaunchSize.For(_accelerator, vocabSize), Embedding.MaxBackwardOwners);
        Launches++;
        _backward(owners, tokens, dPooled, divisors, dWeights, batchSize, sequenceLength, vocabSize, embeddingDim,
            maskPadding ? 1 : 0, owners);
    }

    #region Kernels

    // One work item per (b, c): sample b, columns 4c..4c+3. The thread walks the T ids of sample
    // b once and sums those four columns of their rows in registers. Id 0 is counted instead of
    // summed: unmasked, its row is added once, times the count (padding is most of a short review).
    internal static void EmbeddingBagForwardKernel(
        Index1D index,
        ArrayView<int> tokens,      // [B, T]
        ArrayView<float> weights,   // [V, E]
        ArrayView<float> pooled,    // [B, E]
        ArrayView<float> divisors,  // [B]
        int batchSize,
        int sequenceLength,
        int vocabSize,
        int embeddingDim,
        int maskPadding,
        int stride)
    {
        int chunks = (embeddingDim + ColumnsPerThread - 1) / ColumnsPerThread;
        int items = batchSize * chunks;
        for (int i = index; i < items; i += stride)
        {
            int b = i / chunks;
            int e0 = (i - b * chunks) * ColumnsPerThread;
            int width = embeddingDim - e0 < ColumnsPerThread ? embeddingDim - e0 : ColumnsPerThread;
            long rowStart = (long)b * sequenceLength;
            float s0 = 0f;
            float s1 = 0f;
            float s2 = 0f;
            float s3 = 0f;
            int zeros = 0;
            for (int t = 0; t < sequenceLength; t++)
            {
                int id = tokens[rowStart + t];
                if (id <= 0 || id >= vocabSize)
                {
                    zeros += id == 0 ? 1 : 0;
                    continue;
                }

                long row = (long)id * embeddingDim + e0;
                s0 += weights[row];
                s1 += width > 1 ? weights[row + 1] : 0f;
                s2 += width > 2 ? weights[row + 2] : 0f;
                s3 += width > 3 ? weights[row + 3] : 0f;
            }

            int count = sequenceLength;
            if (maskPadding != 0)
            {
                count = sequenceLength - zeros > 0 ? sequenceLength - zeros : 1;
            }
            else if (zeros > 0)
            {
                s0 += zeros * weights[e0];
                s1 += width > 1 ? zeros * weights[e0 + 1] : 0f;
                s2 += width > 2 ? zeros * weights[e0 + 2] : 0f;
                s3 += width > 3 ? zeros * weights[e0 + 3] : 0f;
            }

            float divisor = count;
            long outBase = (long)b * embeddingDim + e0;
            pooled[outBase] = s0 / divisor;
            if (width > 1)
            {
                pooled[outBase + 1] = s1 / divisor;
            }

            if (width > 2)
            {
                pooled[outBase + 2] = s2 / divisor;
            }

            if (width > 3)
            {
                pooled[outBase + 3] = s3 / divisor;
            }

            if (e0 == 0)
            {
                divisors[b] = divisor;
            }
        }
    }

    // Thread k of `owners` owns rows [k·V/owners, (k+1)·V/owners): it zeroes them, then adds
    // dPooled[b, :] / n_b for every token (b, t) whose id falls in that range, in token order.
    internal static void EmbeddingBagBackwardKernel(
        Index1D index,
        ArrayView<int> tokens,      // [B, T]
        ArrayView<float> dPooled,   // [B, E]
        ArrayView<float> divisors,  // [B]
        ArrayView<float> dWeights,  // [V, E]
        int batchSize,
        int sequenceLength,
        int vocabSize,
        int embeddingDim,
        int maskPadding,
        int owners)
    {
        int first = (int)((long)index.X * vocabSize / owners);
        int last = (int)((long)(index.X + 1) * vocabSize / owners);
        for (long i = (long)first * embeddingDim; i < (long)last * embeddingDim; i++)
        {
            dWeights[i] = 0f;
        }

        for (int b = 0; b < batchSize; b++)
        {
            float scale = 1f / divisors[b];
            long rowStart = (long)b * sequenceLength;
            long gradBase = (long)b * embeddingDim;
            for (int e0 = 0; e0 < embeddingDim; e0 += ColumnsPerPass)
            {
                int width = embeddingDim - e0 < ColumnsPerPass ? embeddingDim - e0 : ColumnsPerPass;
                if (width == ColumnsPerPass)
                {
                    AddSampleRows16(tokens, dPooled, dWeights, rowStart, sequenceLength, gradBase + e0, e0, scale,
                        embeddingDim, first, last);
                }
                else
                {
                    AddSampleRows(tokens, dPooled, dWeights, rowStart, sequenceLength, gradBase + e0, e0, width, scale,
                        embeddingDim, first, last);
                }
            }

            // Unmasked, every id 0 of the sample adds the same gradient to row 0: add it once, times the count.
            if (first == 0 && maskPadding == 0)
            {
                int zeros = 0;
                for (int t = 0; t < sequenceLength; t++)
                {
                    zeros += tokens[rowStart + t] == 0 ? 1 : 0;
                }

                for (int e = 0; e < embeddingDim; e++)
                {
                    dWeights[e] += zeros * (dPooled[gradBase + e] * scale);
                }
            }
        }
    }

    // Adds columns e0..e0+15 of sample b's scaled gradient to the owned rows of its non-zero ids.
    // The sixteen gradient values stay in registers while the sample's ids are walked: the common
    // case (E = 16, or a multiple of it) without a reload per token.
    private static void AddSampleRows16(
        ArrayView<int> tokens,
        ArrayView<float> dPooled,
        ArrayView<float> dWeights,
        long rowStart,
        int sequenceLength,
        long gradStart,
        int e0,
        float scale,
        int embeddingDim,
        int first,
        int last)
    {
        float g0 = dPooled[gradStart] * scale, g1 = dPooled[gradStart + 1] * scale;
        float g2 = dPooled[gradStart + 2] * scale, g3 = dPooled[gradStart + 3] * scale;
        float g4 = dPooled[gradStart + 4] * scale, g5 = dPooled[gradStart + 5] * scale;
        float g6 = dPooled[gradStart + 6] * scale, g7 = dPooled[gradStart + 7] * scale;
        float g8 = dPooled[gradStart + 8] * scale, g9 = dPooled[gradStart + 9] * scale;
        float g10 = dPooled[gradStart + 10] * scale, g11 = dPooled[gradStart + 11] * scale;
        float g12 = dPooled[gradStart + 12] * scale, g13 = dPooled[gradStart + 13] * scale;
        float g14 = dPooled[gradStart + 14] * scale, g15 = dPooled[gradStart + 15] * scale;
        for (int t = 0; t < sequenceLength; t++)
        {
            int id = tokens[rowStart + t];
            if (id == 0 || id < first || id >= last)
            {
                continue;
            }

            long r = (long)id * embeddingDim + e0;
            dWeights[r] += g0;
            dWeights[r + 1] += g1;
            dWeights[r + 2] += g2;
            dWeights[r + 3] += g3;
            dWeights[r + 4] += g4;
            dWeights[r + 5] += g5;
            dWeights[r + 6] += g6;
            dWeights[r + 7] += g7;
            dWeights[r + 8] += g8;
            dWeights[r + 9] += g9;
            dWeights[r + 10] += g10;
            dWeights[r + 11] += g11;
            dWeights[r + 12] += g12;
            dWeights[r + 13] += g13;
            dWeights[r + 14] += g14;
            dWeights[r + 15] += g15;
        }
    }

    // The same for the last `width` (< 16) columns, one column at a time.
    private static void AddSampleRows(
        ArrayView<int> tokens,
        ArrayView<float> dPooled,
        ArrayView<float> dWeights,
        long rowStart,
        int sequenceLength,
        long gradStart,
        int e0,
        int width,
        float scale,
        int embeddingDim,
        int first,
        int last)
    {
        for (int t = 0; t < sequenceLength; t++)
        {
            int id = tokens[rowStart + t];
            if (id == 0 || id < first || id >= last)
            {
                continue;
            }

            long r = (long)id * embeddingDim + e0;
            for (int e = 0; e < width; e++)
            {
                dWeights[r + e] += dPooled[gradStart + e] * scale;
            }
        }
    }

    #endregion
}
