using System.Buffers.Binary;
using System.Text;

namespace GpuImdb.Trainer.Tests.Data;

/// <summary>Builds .npy files in memory, laid out as numpy's <c>write_array</c> does.</summary>
internal static class NpyBytes
{
    /// <summary>A .npy file with this header dict text and data, padded as numpy pads it.</summary>
    public static byte[] WithHeader(string dict, byte[] data, int major = 1)
    {
        var prefix = major == 1 ? 10 : 12;
        var header = dict;
        while ((prefix + header.Length + 1) % 64 != 0)
        {
            header += " ";
        }

        header += "\n";
        var headerBytes = (major == 3 ? Encoding.UTF8 : Encoding.Latin1).GetBytes(header);
        var file = new List<byte>([0x93, .. "NUMPY"u8, (byte)major, 0]);
        var length = new byte[major == 1 ? 2 : 4];
        if (major == 1)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(length, (ushort)headerBytes.Length);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(length, (uint)headerBytes.Length);
        }

        file.AddRange(length);
        file.AddRange(headerBytes);
        file.AddRange(data);
        return [.. file];
    }

    /// <summary>A .npy file with numpy's header for this dtype, shape text ("(3,)") and data.</summary>
    public static byte[] Array(
        string descr, string shape, byte[] data, bool fortran = false, int major = 1)
    {
        var order = fortran ? "True" : "False";
        var dict = $"{{'descr': '{descr}', 'fortran_order': {order}, 'shape': {shape}, }}";
        return WithHeader(dict, data, major);
    }

    /// <summary>A 1-D '&lt;i8' array.</summary>
    public static byte[] Int64(params long[] values)
    {
        var data = new byte[values.Length * 8];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(data.AsSpan(i * 8), values[i]);
        }

        return Array("<i8", $"({values.Length},)", data);
    }

    /// <summary>A 1-D object array whose elements are these int lists.</summary>
    public static byte[] IntLists(params long[][] rows)
    {
        return Array("|O", $"({rows.Length},)", PickleWriter.NumpyIntLists(rows));
    }
}
