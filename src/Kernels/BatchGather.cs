using ILGPU;
using ILGPU.Runtime;

namespace GpuImdb.Kernels;

// Batch assembly: copies the rows named by an index list into a contiguous batch, so a dataset
// uploaded once can be visited in any order (a per-epoch shuffle uploads only the index list).
//
// Legend: N = rows in the source, B = rows in the batch, W = row width.
//
//   rows:   destination[b, :] = source[rowIndices[b], :]       [N, W] -> [B, W]   (int)
//   values: destination[b]    = source[rowIndices[b]]          [N]    -> [B]      (float)
// There is no backward: the gathered data are inputs, not parameters.

/// <summary>Gathers rows of a dataset into a batch on one accelerator.</summary>
public sealed class BatchGather
{
    private readonly Accelerator _accelerator;
    private readonly Action<Index1D, ArrayView<int>, ArrayView<int>, ArrayView<int>, int, int, int> _rows;
    private readonly Action<Index1D, ArrayView<float>, ArrayView<int>, ArrayView<float>, int, int> _values;

    /// <summary>Kernel launches made so far (for benchmarks).</summary>
    public long Launches { get; private set; }

    /// <summary>Compiles the kernels once for <paramref name="accelerator"/>.</summary>
    public BatchGather(Accelerator accelerator)
    {
        ArgumentNullException.ThrowIfNull(accelerator);
        _accelerator = accelerator;
        _rows = accelerator.LoadAutoGroupedStreamKernel<
            Index1D, ArrayView<int>, ArrayView<int>, ArrayView<int>, int, int, int>(BatchGatherRowsKernel);
        _values = accelerator.LoadAutoGroupedStreamKernel<
            Index1D, ArrayView<float>, ArrayView<int>, ArrayView<float>, int, int>(BatchGatherValuesKernel);
    }

    /// <summary>Copies <c>source[rowIndices[b], :]</c> to <c>destination[b, :]</c>.</summary>
    /// <param name="source">[N, W].</param>
    /// <param name="rowIndices">[B] row numbers in [0, N).</param>
    /// <param name="destination">[B, W].</param>
    /// <param name="batchSize">B.</param>
    /// <param name="rowWidth">W.</param>
    public void Rows(
        ArrayView<int> source,
        ArrayView<int> rowIndices,
        ArrayView<int> destination,
        int batchSize,
        int rowWidth)
    {
        Shapes.Require("Batch gather", "rowIndices", rowIndices.Length, batchSize);
        Shapes.Require("Batch gather", "destination", destination.Length, (long)batchSize * rowWidth);

        int threads = LaunchSize.For(_accelerator, batchSize);
        Launches++;
        _rows(threads, source, rowIndices, destination, batchSize, rowWidth, threads);
    }

    /// <summary>Copies <c>source[rowIndices[b]]</c> to <c>destination[b]</c>.</summary>
    /// <param name="source">[N].</param>
    /// <param name="rowIndices">[B] row numbers in [0, N).</param>
    /// <param name="destination">[B].</param>
    /// <param name="batchSize">B.</param>
    public void Values(
        ArrayView<float> source,
        ArrayView<int> rowIndices,
        ArrayView<float> destination,
        int batchSize)
    {
        Shapes.Require("Batch gather", "rowIndices", rowIndices.Length, batchSize);
        Shapes.Require("Batch gather", "destination", destination.Length, batchSize);

        int threads = LaunchSize.For(_accelerator, batchSize);
        Launches++;
        _values(threads, source, rowIndices, destination, batchSize, threads);
    }

    #region Kernels

    // One work item per batch row: copies W ints.
    internal static void BatchGatherRowsKernel(
        Index1D index,
        ArrayView<int> source,       // [N, W]
        ArrayView<int> rowIndices,   // [B]
        ArrayView<int> destination,  // [B, W]
        int batchSize,
        int rowWidth,
        int stride)
    {
        for (int b = index; b < batchSize; b += stride)
        {
            long from = (long)rowIndices[b] * rowWidth;
            long to = (long)b * rowWidth;
            for (int w = 0; w < rowWidth; w++)
            {
                destination[to + w] = source[from + w];
            }
        }
    }

    // One work item per batch row: copies one float.
    internal static void BatchGatherValuesKernel(
        Index1D index,
        ArrayView<float> source,       // [N]
        ArrayView<int> rowIndices,     // [B]
        ArrayView<float> destination,  // [B]
        int batchSize,
        int stride)
    {
        for (int b = index; b < batchSize; b += stride)
        {
            destination[b] = source[rowIndices[b]];
        }
    }

    #endregion
}
