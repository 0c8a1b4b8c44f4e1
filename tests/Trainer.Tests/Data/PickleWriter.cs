using System.Buffers.Binary;
using System.Text;

namespace GpuImdb.Trainer.Tests.Data;

/// <summary>
/// Writes pickles opcode by opcode, the way Python's pickler does for protocol 3 (memo puts,
/// batched appends, smallest int opcode), so tests can build numpy's object-array pickles and
/// variations of them without Python.
/// </summary>
internal sealed class PickleWriter
{
    private readonly List<byte> _bytes = [];
    private int _memo;

    public PickleWriter Op(params byte[] opcodes)
    {
        _bytes.AddRange(opcodes);
        return this;
    }

    public PickleWriter Op(char opcode)
    {
        return Op((byte)opcode);
    }

    public PickleWriter Put()
    {
        if (_memo < 256)
        {
            Op((byte)'q', (byte)_memo);
        }
        else
        {
            Op((byte)'r');
            AddInt32(_memo);
        }

        _memo++;
        return this;
    }

    public PickleWriter Global(string module, string name)
    {
        Op('c');
        _bytes.AddRange(Encoding.ASCII.GetBytes($"{module}\n{name}\n"));
        return Put();
    }

    public PickleWriter Int(long value)
    {
        switch (value)
        {
            case >= 0 and <= 0xff:
                return Op((byte)'K', (byte)value);
            case >= 0 and <= 0xffff:
                Op((byte)'M', (byte)value, (byte)(value >> 8));
                return this;
            case >= int.MinValue and <= int.MaxValue:
                Op((byte)'J');
                AddInt32((int)value);
                return this;
            default:
                var bytes = new byte[8];
                BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
                var length = 8;
                while (length > 1 && bytes[length - 1] == (value < 0 ? 0xff : 0)
                    && (bytes[length - 2] & 0x80) == (value < 0 ? 0x80 : 0))
                {
                    length--;
                }

                Op(0x8a, (byte)length);
                _bytes.AddRange(bytes[..length]);
                return this;
        }
    }

    public PickleWriter Float(double value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteDoubleBigEndian(bytes, value);
        return Op((byte)'G').Op(bytes);
    }

    public PickleWriter Unicode(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        Op((byte)'X');
        AddInt32(bytes.Length);
        _bytes.AddRange(bytes);
        return Put();
    }

    public PickleWriter ShortBytes(string text)
    {
        Op((byte)'C', (byte)text.Length);
        _bytes.AddRange(Encoding.ASCII.GetBytes(text));
        return Put();
    }

    /// <summary>
    /// A list written as Python does: EMPTY_LIST, then APPEND for one item or MARK..APPENDS per 1000.
    /// </summary>
    public PickleWriter List(int count, Action<PickleWriter, int> writeItem)
    {
        Op(']').Put();
        for (var start = 0; start < count; start += 1000)
        {
            var end = Math.Min(count, start + 1000);
            if (end - start == 1)
            {
                writeItem(this, start);
                Op('a');
                continue;
            }

            Op('(');
            for (var i = start; i < end; i++)
            {
                writeItem(this, i);
            }

            Op('e');
        }

        return this;
    }

    public PickleWriter IntList(IReadOnlyList<long> items)
    {
        return List(items.Count, (w, i) => w.Int(items[i]));
    }

    public byte[] ToArray()
    {
        return [.. _bytes];
    }

    /// <summary>
    /// numpy's protocol-3 pickle of an object array with <paramref name="count"/> elements, as
    /// <c>np.lib.format.write_array</c> writes it; <paramref name="writeElement"/> writes each one.
    /// </summary>
    public static byte[] NumpyObjectArray(
        int count,
        Action<PickleWriter, int> writeElement,
        string module = "numpy.core.multiarray",
        string dtype = "O8")
    {
        var w = new PickleWriter().Op(0x80, 3);
        w.Global(module, "_reconstruct").Global("numpy", "ndarray");
        w.Int(0).Op(0x85).Put().ShortBytes("b").Op(0x87).Put().Op('R').Put();
        w.Op('(').Int(1).Int(count).Op(0x85).Put();
        w.Global("numpy", "dtype").Unicode(dtype).Op(0x89, 0x88, 0x87).Put().Op('R').Put();
        w.Op('(').Int(3).Unicode("|").Op('N', 'N', 'N').Int(-1).Int(-1).Int(63);
        w.Op('t').Put().Op('b');
        w.Op(0x89);
        w.List(count, writeElement);
        return w.Op('t').Put().Op('b').Op('.').ToArray();
    }

    /// <summary>numpy's pickle of a 1-D object array whose elements are these int lists.</summary>
    public static byte[] NumpyIntLists(params long[][] rows)
    {
        return NumpyObjectArray(rows.Length, (w, i) => w.IntList(rows[i]));
    }

    private PickleWriter Op(char a, char b, char c)
    {
        return Op((byte)a, (byte)b, (byte)c);
    }

    private void AddInt32(int value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
        _bytes.AddRange(bytes);
    }
}
