using ILGPU;
using ILGPU.Runtime;

namespace GpuImdb.Kernels;

// Embedding: a lookup table of V rows of E floats.
//
// Legend: B = batch size, T = sequence length, V = vocabulary size, E = embedding width.
//
// Forward (gather):
//   output[b, t, :] = weights[tokens[b, t], :]                 tokens [B, T] -> output [B, T, E]
// Backward (scatter-add, accumulating repeated ids):
//   dWeights[v, :] = sum over (b, t) with tokens[b, t] == v of dOutput[b, t, :]
//   Rows of ids absent from the batch get zero.
//
// The backward is atomic-free and runs in a fixed order: each logical thread owns a contiguous
// range of vocabulary rows, zeroes them, then walks every token of the batch in order and adds the
// rows it owns. No two threads write the same row, so no atomics are needed and the float sums
// are the same from run to run and on every backend. The cost is that every owner reads every
// token id, which is cheap while owners are few (the CPU accelerator) and wasteful on a GPU.

/// <summary>Embedding lookup (gather) and its gradient (scatter-add) on one accelerator.</summary>
public sealed class Embedding
{
    // NOTE: every owner thread reads all B·T ids, so the backward costs owners × B·T reads.
    // Training on a GPU uses EmbeddingBag's counting-sort backward instead; this layer-by-layer
    // path keeps the owner scheme, bounded here.
    internal const int MaxBackwardOwners = 1024;

    private readonly Accelerator _accelerator;

    private readonly Action<Index1D, ArrayView<int>, ArrayView<float>, ArrayView<float>, int, int, int, int>
        _forward;

    private readonly Action<Index1D, ArrayView<int>, ArrayView<float>, ArrayView<float>, int, int, int, int>
        _backward;

    /// <summary>Kernel launches made so far (for benchmarks).</summary>
    public long Launches { get; private set; }

    /// <summary>Compiles the kernels once for <paramref name="accelerator"/>.</summary>
    public Embedding(Accelerator accelerator)
    {
        ArgumentNullException.ThrowIfNull(accelerator);
        _accelerator = accelerator;
        _forward = accelerator.LoadAutoGroupedStreamKernel<
            Index1D, ArrayView<int>, ArrayView<float>, ArrayView<float>, int, int, int, int>(
            EmbeddingForwardKernel);
        _backward = accelerator.LoadAutoGroupedStreamKernel<
            Index1D, ArrayView<int>, ArrayView<float>, ArrayView<float>, int, int, int, int>(
            EmbeddingBackwardKernel);
    }

    /// <summary>Gathers one embedding row per token.</summary>
    /// <param name="tokens">[B, T] token ids in [0, V).</param>
    /// <param name="weights">[V, E] embedding table.</param>
    /// <param name="output">[B, T, E] gathered rows.</param>
    /// <param name="tokenCount">B·T, the number of tokens to gather.</param>
    /// <param name="vocabSize">V.</param>
    /// <param name="embeddingDim">E.</param>
    public void Forward(
        ArrayView<int> tokens,
        ArrayView<float> weights,
        ArrayView<float> output,
        int tokenCount,
        int vocabSize,
        int embeddingDim)
    {
        Shapes.Require("Embedding forward", "tokens", tokens.Length, tokenCount);
        Shapes.Require("Embedding forward", "weights", weights.Length, (long)vocabSize * embeddingDim);
        Shapes.Require("Embedding forward", "output", output.Length, (long)tokenCount * embeddingDim);

        int threads = LaunchSize.For(_accelerator, tokenCount);
        Launches++;
        _forward(threads, tokens, weights, output, tokenCount, vocabSize, embeddingDim, threads);
    }

    /// <summary>Sums the gradient of every token into its row of <paramref name="dWeights"/>.</summary>
    /// <param name="tokens">[B, T] token ids in [0, V).</param>
    /// <param name="dOutput">[B, T, E] gradient of the loss with respect to the gathered rows.</param>
    /// <param name="dWeights">[V, E] overwritten with the gradient of the table.</param>
    /// <param name="tokenCount">B·T.</param>
    /// <param name="vocabSize">V.</param>
    /// <param name="embeddingDim">E.</param>
    public void Backward(
        ArrayView<int> tokens,
        ArrayView<float> dOutput,
        ArrayView<float> dWeights,
        int tokenCount,
        int vocabSize,
        int embeddingDim)
    {
        Shapes.Require("Embedding backward", "tokens", tokens.Length, tokenCount);
        Shapes.Require("Embedding backward", "dOutput", dOutput.Length, (long)tokenCount * embeddingDim);
        Shapes.Require("Embedding backward", "dWeights", dWeights.Length, (long)vocabSize * embeddingDim);

        int owners = Math.Min(LaunchSize.For(_accelerator, vocabSize), MaxBackwardOwners);
        Launches++;
        _backward(owners, tokens, dOutput, dWeights, tokenCount, vocabSize, embeddingDim, owners);
    }

    #region Kernels

    // One work item per token: copies E floats. Ids outside [0, V) give a zero row; the host
    // checks ids before upload, this only keeps a bad id from reading out of bounds.
    internal static void EmbeddingForwardKernel(
        Index1D index,
        ArrayView<int> tokens,      // [B, T]
        ArrayView<float> weights,   // [V, E]
        ArrayView<float> output,    // [B, T, E]
        int tokenCount,
        int vocabSize,
        int embeddingDim,
        int stride)
    {
        for (int n = index; n < tokenCount; n += stride)
        {
            int id = tokens[n];
            long outBase = (long)n * embeddingDim;
            if ((uint)id >= (uint)vocabSize)
            {
                for (int e = 0; e < embeddingDim; e++)
                {
                    output[outBase + e] = 0f;
                }

                continue;
            }

            long rowBase = (long)id * embeddingDim;
            for (int e = 0; e < embeddingDim; e++)
            {
                output[outBase + e] = weights[rowBase + e];
            }
        }
    }

    // Thread k of `owners` owns rows [k·V/owners, (k+1)·V/owners): it zeroes them, then adds the
    // gradient of every token whose id falls in that range, in token order.
    internal static void EmbeddingBackwardKernel(
        Index1D index,
        ArrayView<int> tokens,      // [B, T]
        ArrayView<float> dOutput,   // [B, T, E]
        ArrayView<float> dWeights,  // [V, E]
        int tokenCount,
        int vocabSize,
        int embeddingDim,
        int owners)
    {
        int first = (int)((long)index.X * vocabSize / owners);
        int last = (int)((long)(index.X + 1) * vocabSize / owners);
        for (long i = (long)first * embeddingDim; i < (long)last * embeddingDim; i++)
        {
            dWeights[i] = 0f;
        }

        for (int n = 0; n < tokenCount; n++)
        {
            int id = tokens[n];
            if (id < first || id >= last)
            {
                continue;
            }

            long rowBase = (long)id * embeddingDim;
            long gradBase = (long)n * embeddingDim;
            for (int e = 0; e < embeddingDim; e++)
            {
                dWeights[rowBase + e] += dOutput[gradBase + e];
            }
        }
    }

    #endregion
}
