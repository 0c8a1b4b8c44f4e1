using GpuImdb.Kernels.Tests.Reference;

namespace GpuImdb.Kernels.Tests;

public class BatchGatherTests
{
    [SkippableTheory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void Rows_and_values_follow_the_index_list(AcceleratorKind backend)
    {
        var accelerator = Backends.Get(backend);
        const int n = 6;
        const int w = 5;
        var source = Enumerable.Range(0, n * w).ToArray();
        var labels = new float[] { 0, 1, 1, 0, 1, 0 };
        var rows = new[] { 4, 0, 4, 2 };
        var (expectedRows, expectedValues) = (new int[rows.Length * w], new float[rows.Length]);
        BatchGatherReference.Rows(source, rows, expectedRows, rows.Length, w);
        BatchGatherReference.Values(labels, rows, expectedValues, rows.Length);

        using var sourceBuffer = accelerator.Allocate1D(source);
        using var labelsBuffer = accelerator.Allocate1D(labels);
        using var rowsBuffer = accelerator.Allocate1D(rows);
        using var destination = accelerator.Allocate1D<int>(rows.Length * w);
        using var values = accelerator.Allocate1D<float>(rows.Length);
        var gather = new BatchGather(accelerator);
        gather.Rows(sourceBuffer.View, rowsBuffer.View, destination.View, rows.Length, w);
        gather.Values(labelsBuffer.View, rowsBuffer.View, values.View, rows.Length);

        Assert.Equal(expectedRows, destination.GetAsArray1D());
        Assert.Equal(expectedValues, values.GetAsArray1D());
        Assert.Equal(new[] { 20, 21, 22, 23, 24 }, destination.GetAsArray1D()[..5]);
    }
}
