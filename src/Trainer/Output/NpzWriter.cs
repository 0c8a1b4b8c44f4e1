using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text;

namespace GpuImdb.Trainer.Output;

/// <summary>
/// Writes float32 arrays as a numpy <c>.npz</c>: a zip holding one <c>NAME.npy</c> (format 1.0,
/// little-endian <c>&lt;f4</c>, C order) per array, readable with <c>numpy.load(path)</c>.
/// </summary>
public static class NpzWriter
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0];

    /// <summary>Writes <paramref name="arrays"/> to <paramref name="path"/> atomically.</summary>
    public static void Write(string path, IEnumerable<NamedArray> arrays) =>
        Write(path, arrays, [], CompressionLevel.Optimal);

    /// <summary>
    /// Writes <paramref name="arrays"/> and, after them, text entries (such as a JSON state) to
    /// <paramref name="path"/> atomically. numpy's <c>load</c> lists the text entries but reads only
    /// the arrays.
    /// </summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="arrays">Each becomes <c>NAME.npy</c>.</param>
    /// <param name="texts">Each becomes an entry of that name holding UTF-8 text.</param>
    /// <param name="compression">How hard to compress; numpy's own <c>savez</c> stores without compressing.</param>
    public static void Write(
        string path,
        IEnumerable<NamedArray> arrays,
        IEnumerable<KeyValuePair<string, string>> texts,
        CompressionLevel compression)
    {
        ArgumentNullException.ThrowIfNull(arrays);
        ArgumentNullException.ThrowIfNull(texts);
        AtomicFile.Write(path, stream =>
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
            foreach (var array in arrays)
            {
                var entry = zip.CreateEntry(array.Name + ".npy", compression);
                using var entryStream = entry.Open();
                WriteNpy(entryStream, array);
            }

            foreach (var (name, text) in texts)
            {
                using var entryStream = zip.CreateEntry(name, compression).Open();
                entryStream.Write(Encoding.UTF8.GetBytes(text));
            }
        });
    }

    /// <summary>Writes one array in .npy format 1.0.</summary>
    public static void WriteNpy(Stream stream, NamedArray array)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(array);
        long expected = array.Shape.Aggregate(1L, (a, b) => a * b);
        if (expected != array.Values.Length)
        {
            throw new ArgumentException(
                $"Array '{array.Name}' has {array.Values.Length} values but shape ({string.Join(", ", array.Shape)}) "
                + $"needs {expected}.", nameof(array));
        }

        string shape = array.Shape.Length == 1
            ? $"({array.Shape[0]},)"
            : $"({string.Join(", ", array.Shape)})";
        string header = $"{{'descr': '<f4', 'fortran_order': False, 'shape': {shape}, }}";

        // Pad with spaces so that magic + length + header + newline is a multiple of 64 bytes.
        int unpadded = Magic.Length + 2 + header.Length + 1;
        header = header.PadRight(header.Length + (64 - unpadded % 64) % 64) + "\n";
        stream.Write(Magic);
        stream.Write(BitConverter.GetBytes((ushort)header.Length));
        stream.Write(Encoding.ASCII.GetBytes(header));
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Writing .npy files needs a little-endian machine.");
        }

        stream.Write(MemoryMarshal.AsBytes(array.Values.AsSpan()));
    }
}

/// <summary>A float32 array with its name and row-major shape.</summary>
public sealed record NamedArray(string Name, float[] Values, int[] Shape);
