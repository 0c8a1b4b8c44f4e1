using System.Buffers.Binary;

namespace GpuImdb.Trainer.Data;

/// <summary>
/// One array read from a .npy file or an .npz entry: its dtype, its shape and its values, either
/// as raw little-endian numbers or, for an object array (<c>|O</c>), as decoded lists of ints.
/// Values are laid out row-major (C order); Fortran-ordered files are refused when read.
/// </summary>
public sealed class NpyArray
{
    private const string Hint = "Re-download the file or pass --data PATH.";
    private readonly ReadOnlyMemory<byte> _data;
    private readonly int[][]? _rows;

    internal NpyArray(
        string source, string dtype, int[] shape, int length, ReadOnlyMemory<byte> data)
    {
        Source = source;
        Dtype = dtype;
        Shape = Array.AsReadOnly(shape);
        Length = length;
        _data = data;
    }

    internal NpyArray(string source, int[] shape, int[][] rows)
    {
        Source = source;
        Dtype = NpyDtypes.Object;
        Shape = Array.AsReadOnly(shape);
        Length = rows.Length;
        _rows = rows;
    }

    /// <summary>What messages call the array: "PATH" or "PATH: entry 'NAME'".</summary>
    public string Source { get; }

    /// <summary>numpy's dtype string from the header, such as <c>&lt;i8</c> or <c>|O</c>.</summary>
    public string Dtype { get; }

    /// <summary>The dimensions, outermost first; empty for a 0-d array.</summary>
    public IReadOnlyList<int> Shape { get; }

    /// <summary>The number of elements (the product of <see cref="Shape"/>).</summary>
    public int Length { get; }

    /// <summary>True for an object array (<c>|O</c>), read with <see cref="ToIntLists"/>.</summary>
    public bool IsObjectArray => _rows is not null;

    /// <summary>
    /// The values as 64-bit integers, row-major. Booleans become 0 and 1; floats must hold whole
    /// numbers. Throws <see cref="UserErrorException"/> for an object array or a fractional float.
    /// </summary>
    public long[] ToInt64Array()
    {
        if (_rows is not null)
        {
            throw new UserErrorException(
                $"{Source} is an object array ('|O'); expected numbers. {Hint}");
        }

        var bytes = _data.Span;
        var result = new long[Length];
        switch (Dtype)
        {
            case NpyDtypes.Int64:
                for (var i = 0; i < result.Length; i++)
                {
                    result[i] = BinaryPrimitives.ReadInt64LittleEndian(bytes[(i * 8)..]);
                }

                break;
            case NpyDtypes.Int32:
                for (var i = 0; i < result.Length; i++)
                {
                    result[i] = BinaryPrimitives.ReadInt32LittleEndian(bytes[(i * 4)..]);
                }

                break;
            case NpyDtypes.Int8:
                for (var i = 0; i < result.Length; i++)
                {
                    result[i] = (sbyte)bytes[i];
                }

                break;
            case NpyDtypes.UInt8:
                for (var i = 0; i < result.Length; i++)
                {
                    result[i] = bytes[i];
                }

                break;
            case NpyDtypes.Bool:
                for (var i = 0; i < result.Length; i++)
                {
                    result[i] = bytes[i] != 0 ? 1 : 0;
                }

                break;
            case NpyDtypes.Float32:
                for (var i = 0; i < result.Length; i++)
                {
                    var value = BinaryPrimitives.ReadSingleLittleEndian(bytes[(i * 4)..]);
                    result[i] = ToWhole(value, i);
                }

                break;
            default:
                for (var i = 0; i < result.Length; i++)
                {
                    var value = BinaryPrimitives.ReadDoubleLittleEndian(bytes[(i * 8)..]);
                    result[i] = ToWhole(value, i);
                }

                break;
        }

        return result;
    }

    /// <summary>
    /// The values as 32-bit integers, row-major, with the same conversions as
    /// <see cref="ToInt64Array"/>. Throws <see cref="UserErrorException"/> for a value outside
    /// the range of <see cref="int"/>.
    /// </summary>
    public int[] ToInt32Array()
    {
        var wide = ToInt64Array();
        var result = new int[wide.Length];
        for (var i = 0; i < wide.Length; i++)
        {
            if (wide[i] is < int.MinValue or > int.MaxValue)
            {
                throw new UserErrorException(
                    $"{Source} has value {wide[i]} at index {i}, which does not fit in a 32-bit "
                    + $"int. {Hint}");
            }

            result[i] = (int)wide[i];
        }

        return result;
    }

    /// <summary>
    /// The rows of a 1-D object array whose elements are lists of ints. Returns the decoded
    /// array itself, not a copy. Throws <see cref="UserErrorException"/> for a numeric array.
    /// </summary>
    public int[][] ToIntLists()
    {
        return _rows ?? throw new UserErrorException(
            $"{Source} has dtype '{Dtype}'; expected an object array ('|O') of int lists. {Hint}");
    }

    private long ToWhole(double value, int index)
    {
        if (Math.Floor(value) != value || value < long.MinValue || value >= -(double)long.MinValue)
        {
            throw new UserErrorException(
                $"{Source} has value {value} at index {index}, which is not a whole number; "
                + $"expected integers. {Hint}");
        }

        return (long)value;
    }
}
