using ILGPU;
using ILGPU.Runtime;

namespace GpuImdb.Trainer.Training;

/// <summary>Padded token rows and their labels, uploaded once and kept on the accelerator.</summary>
internal sealed class DeviceDataset : IDisposable
{
    private readonly MemoryBuffer1D<int, Stride1D.Dense> _tokens;
    private readonly MemoryBuffer1D<float, Stride1D.Dense> _labels;

    public DeviceDataset(Accelerator accelerator, int[] tokens, int[] labels, int sequenceLength)
    {
        if (tokens.Length != (long)labels.Length * sequenceLength)
        {
            throw new ArgumentException(
                $"{tokens.Length} tokens do not make {labels.Length} rows of {sequenceLength}.", nameof(tokens));
        }

        Count = labels.Length;
        SequenceLength = sequenceLength;
        _tokens = accelerator.Allocate1D(tokens);
        _labels = accelerator.Allocate1D(Array.ConvertAll(labels, y => (float)y));
    }

    /// <summary>Number of rows.</summary>
    public int Count { get; }

    /// <summary>Tokens per row.</summary>
    public int SequenceLength { get; }

    /// <summary>All rows, [N, T].</summary>
    public ArrayView<int> Tokens => _tokens.View;

    /// <summary>All labels, [N].</summary>
    public ArrayView<float> Labels => _labels.View;

    /// <summary>Rows first..first+count-1, [count, T].</summary>
    public ArrayView<int> TokenRows(int first, int count) =>
        _tokens.View.SubView((long)first * SequenceLength, (long)count * SequenceLength);

    /// <summary>Labels first..first+count-1, [count].</summary>
    public ArrayView<float> LabelRows(int first, int count) => _labels.View.SubView(first, count);

    public void Dispose()
    {
        _tokens.Dispose();
        _labels.Dispose();
    }
}
