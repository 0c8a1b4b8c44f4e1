using ILGPU;
using ILGPU.Runtime;

namespace GpuImdb.Kernels;

// EmbeddingBag's backward as a stable counting sort, for GPUs (see EmbeddingBackwardScheme).
//
// Legend: N = B·T token positions, V = vocabulary, E = embedding width, C = chunks of positions.
//
//   1. count:   counts[c, v] = how many positions of chunk c hold id v        (one thread per chunk)
//   2. columns: counts[c, v] becomes the number of v's in chunks before c;
//               rowTotals[v] = the number of v's in the batch                  (one thread per id)
//   3. rows:    rowStarts[v] = sum of rowTotals before v                        (one thread)
//   4. scatter: sorted[rowStarts[v] + counts[c, v]++] = n for each position n of chunk c, in order
//   5. sum:     dWeights[v, e] = sum over k in rowStarts[v]..rowStarts[v+1]-1 of
//               dPooled[b, e] / n_b, with b = sorted[k] / T                     (one thread per (v, e))
// Positions of one id end up in increasing order, so every sum runs in the same order on every
// backend and run: deterministic without atomics. Ids skipped by the forward pass (id 0 when
// masking, ids outside [0, V)) are skipped here too.
public sealed partial class EmbeddingBag
{
    // Positions one chunk thread counts and scatters.
    private const int PositionsPerChunk = 512;

    private Action<Index1D, ArrayView<int>, ArrayView<int>, int, int, int, int>? _count;
    private Action<Index1D, ArrayView<int>, ArrayView<int>, int, int, int>? _columns;
    private Action<Index1D, ArrayView<int>, ArrayView<int>, int>? _rows;
    private Action<Index1D, ArrayView<int>, ArrayView<int>, ArrayView<int>, ArrayView<int>, int, int, int, int>?
        _scatter;

    private Action<Index1D, ArrayView<int>, ArrayView<int>, ArrayView<float>, ArrayView<float>, ArrayView<float>,
        int, int, int, int>? _sum;

    private MemoryBuffer1D<int, Stride1D.Dense>? _counts;     // [C, V]
    private MemoryBuffer1D<int, Stride1D.Dense>? _rowTotals;  // [V]
    private MemoryBuffer1D<int, Stride1D.Dense>? _rowStarts;  // [V + 1]
    private MemoryBuffer1D<int, Stride1D.Dense>? _sorted;     // [N]

    /// <inheritdoc/>
    public void Dispose()
    {
        _counts?.Dispose();
        _rowTotals?.Dispose();
        _rowStarts?.Dispose();
        _sorted?.Dispose();
    }

    private void BackwardCountingSort(
        ArrayView<int> tokens,
        ArrayView<float> dPooled,
        ArrayView<float> divisors,
        ArrayView<float> dWeights,
        int batchSize,
        int sequenceLength,
        int vocabSize,
        int embeddingDim,
        int maskPadding)
    {
        int positions = batchSize * sequenceLength;
        int chunks = Math.Max(1, (positions + PositionsPerChunk - 1) / PositionsPerChunk);
        PrepareCountingSort(chunks, vocabSize, positions);
        var counts = _counts!.View.SubView(0, (long)chunks * vocabSize);
        var rowTotals = _rowTotals!.View.SubView(0, vocabSize);
        var rowStarts = _rowStarts!.View.SubView(0, vocabSize + 1);
        var sorted = _sorted!.View.SubView(0, positions);

        counts.MemSetToZero();
        Launches += 5;
        _count!(chunks, tokens, counts, positions, vocabSize, PositionsPerChunk, maskPadding);
        int idThreads = LaunchSize.For(_accelerator, vocabSize);
        _columns!(idThreads, counts, rowTotals, chunks, vocabSize, idThreads);
        _rows!(1, rowTotals, rowStarts, vocabSize);
        _scatter!(chunks, tokens, counts, rowStarts, sorted, positions, vocabSize, PositionsPerChunk, maskPadding);
        int sumThreads = LaunchSize.For(_accelerator, (long)vocabSize * embeddingDim);
        _sum!(sumThreads, sorted, rowStarts, dPooled, divisors, dWeights, sequenceLength, vocabSize, embeddingDim,
            sumThreads);
    }

    // Loads the kernels on first use and grows the scratch buffers to the largest batch seen.
    private void PrepareCountingSort(int chunks, int vocabSize, int positions)
    {
        if (_count is null)
        {
            var a = _accelerator;
            _count = a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<int>, ArrayView<int>, int, int, int, int>(
                EmbeddingBagCountKernel);
            _columns = a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<int>, ArrayView<int>, int, int, int>(
                EmbeddingBagColumnOffsetsKernel);
            _rows = a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<int>, ArrayView<int>, int>(
                EmbeddingBagRowStartsKernel);
            _scatter = a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<int>, ArrayView<int>, ArrayView<int>,
                ArrayView<int>, int, int, int, int>(EmbeddingBagScatterKernel);
            _sum = a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<int>, ArrayView<int>, ArrayView<float>,
                ArrayView<float>, ArrayView<float>, int, int, int, int>(EmbeddingBagSortedSumKernel);
        }

        _counts = Grown(_counts, (long)chunks * vocabSize);
        _rowTotals = Grown(_rowTotals, vocabSize);
        _rowStarts = Grown(_rowStarts, vocabSize + 1L);
        _sorted = Grown(_sorted, positions);
    }

    private MemoryBuffer1D<int, Stride1D.Dense> Grown(MemoryBuffer1D<int, Stride1D.Dense>? buffer, long length)
    {
        if (buffer is not null && buffer.Length >= length)
        {
            return buffer;
        }

        buffer?.Dispose();
        return _accelerator.Allocate1D<int>(length);
    }

    // Whether a position takes part in the gradient: the same ids the forward pass summed.
    private static bool Counts(int id, int vocabSize, int maskPadding) =>
        id >= 0 && id < vocabSize && (maskPadding == 0 || id != 0);

    // Thread c counts the ids of positions [c·S, (c+1)·S) into row c of counts (zeroed before).
    internal static void EmbeddingBagCountKernel(
        Index1D index,
        ArrayView<int> tokens,  // [N]
        ArrayView<int> counts,  // [C, V]
        int positions,
        int vocabSize,
        int chunkSize,
        int maskPadding)
    {
        long row = (long)index.X * vocabSize;
        int first = index.X * chunkSize;
        int last = first + chunkSize < positions ? first + chunkSize : positions;
        for (int n = first; n < last; n++)
        {
            int id = tokens[n];
            if (Counts(id, vocabSize, maskPadding))
            {
                counts[row + id] += 1;
            }
        }
    }

    // One work item per id v: turns column v of counts into exclusive offsets over the chunks.
    internal static void EmbeddingBagColumnOffsetsKernel(
        Index1D index,
        ArrayView<int> counts,     // [C, V]
        ArrayView<int> rowTotals,  // [V]
        int chunks,
        int vocabSize,
        int stride)
    {
        for (int v = index; v < vocabSize; v += stride)
        {
            int running = 0;
            for (int c = 0; c < chunks; c++)
            {
                long at = (long)c * vocabSize + v;
                int count = counts[at];
                counts[at] = running;
                running += count;
            }

            rowTotals[v] = running;
        }
    }

    // A single thread: exclusive prefix sum of the row totals.
    // TODO: a parallel scan; with V = 10,000 this serial loop is the slowest of the five on a GPU.
    internal static void EmbeddingBagRowStartsKernel(
        Index1D index,
        ArrayView<int> rowTotals,  // [V]
        ArrayView<int> rowStarts,  // [V + 1]
        int vocabSize)
    {
        int running = 0;
        for (int v = 0; v < vocabSize; v++)
        {
            rowStarts[v] = running;
            running += rowTotals[v];
        }

        rowStarts[vocabSize] = running;
    }

    // Thread c writes each counted position of its chunk, in order, to its id's next free slot.
    internal static void EmbeddingBagScatterKernel(
        Index1D index,
        ArrayView<int> tokens,     // [N]
        ArrayView<int> counts,     // [C, V] offsets within each id's run
        ArrayView<int> rowStarts,  // [V + 1]
        ArrayView<int> sorted,     // [N] positions grouped by id
        int positions,
        int vocabSize,
        int chunkSize,
        int maskPadding)
    {
        long row = (long)index.X * vocabSize;
        int first = index.X * chunkSize;
        int last = first + chunkSize < positions ? first + chunkSize : positions;
        for (int n = first; n < last; n++)
        {
            int id = tokens[n];
            if (Counts(id, vocabSize, maskPadding))
            {
                int slot = rowStarts[id] + counts[row + id];
                counts[row + id] += 1;
                sorted[slot] = n;
            }
        }
    }

    // One work item per (v, e): sums column e of the scaled pooled gradient over v's positions.
    internal static void EmbeddingBagSortedSumKernel(
        Index1D index,
        ArrayView<int> sorted,      // [N]
        ArrayView<int> rowStarts,   // [V + 1]
        ArrayView<float> dPooled,   // [B, E]
        ArrayView<float> divisors,  // [B]
        ArrayView<float> dWeights,  // [V, E]
        int sequenceLength,
        int vocabSize,
        int embeddingDim,
        int stride)
    {
        int items = vocabSize * embeddingDim;
        for (int i = index; i < items; i += stride)
        {
            int v = i / embeddingDim;
            int e = i - v * embeddingDim;
            float sum = 0f;
            for (int k = rowStarts[v]; k < rowStarts[v + 1]; k++)
            {
                int b = sorted[k] / sequenceLength;
                sum += dPooled[(long)b * embeddingDim + e] * (1f / divisors[b]);
            }

            dWeights[i] = sum;
        }
    }
}
