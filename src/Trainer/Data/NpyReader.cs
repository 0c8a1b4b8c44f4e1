using System.Buffers.Binary;
using System.Text;

namespace GpuImdb.Trainer.Data;

/// <summary>
/// Reads numpy's .npy format, versions 1.0, 2.0 and 3.0: the magic <c>\x93NUMPY</c>, the version,
/// a little-endian header length, a Python dict literal with 'descr', 'fortran_order' and 'shape',
/// then the data. Numeric dtypes are kept as raw bytes; object arrays (<c>|O</c>) are decoded with
/// <see cref="SafePickle"/>. Anything unexpected becomes a <see cref="UserErrorException"/>.
/// </summary>
public static class NpyReader
{
    private const string Hint = "Re-download the file or pass --data PATH.";
    private static readonly byte[] Magic = [0x93, .. "NUMPY"u8];

    /// <summary>The dtype strings this reader accepts.</summary>
    public static IReadOnlyList<string> SupportedDtypes { get; } = NpyDtypes.All;

    /// <summary>Reads a .npy file; messages name it by <paramref name="path"/>.</summary>
    public static NpyArray Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new UserErrorException($"File not found: {path}. Check the path.", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UserErrorException($"Could not read {path}: {ex.Message}", ex);
        }

        return Parse(bytes, path);
    }

    /// <summary>
    /// Parses the bytes of a .npy file. <paramref name="source"/> names it in messages, for
    /// example <c>imdb.npz: entry 'x_train.npy'</c>. The returned array may refer to
    /// <paramref name="bytes"/>, so do not change them afterwards.
    /// </summary>
    public static NpyArray Parse(byte[] bytes, string source)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentNullException.ThrowIfNull(source);
        if (bytes.Length < 10 || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            throw new UserErrorException(
                $"{source} is not a .npy array: it does not start with the bytes \\x93NUMPY. "
                + Hint);
        }

        var (header, dataStart) = ReadHeader(bytes, source);
        if (!header.DescrIsString || !NpyDtypes.All.Contains(header.Descr))
        {
            var shown = header.DescrIsString ? $"'{header.Descr}'" : header.Descr;
            var supported = string.Join(", ", NpyDtypes.All.Select(d => $"'{d}'"));
            throw new UserErrorException(
                $"{source} has dtype {shown}, which is not supported; expected one of {supported}. "
                + "Re-save it with numpy using one of those, or re-download the file.");
        }

        if (header.FortranOrder)
        {
            throw new UserErrorException(
                $"{source} is stored in Fortran (column-major) order, which is not supported; "
                + "re-save it with numpy in C order (np.ascontiguousarray).");
        }

        var count = 1L;
        foreach (var dim in header.Shape)
        {
            count *= dim;
            if (count > int.MaxValue)
            {
                throw new UserErrorException(
                    $"{source} has shape {FormatShape(header.Shape)}, more than {int.MaxValue} "
                    + $"elements, which is not supported. {Hint}");
            }
        }

        return header.Descr == NpyDtypes.Object
            ? ReadObjectArray(bytes, dataStart, header, source)
            : ReadNumericArray(bytes, dataStart, header, (int)count, source);
    }

    internal static string FormatShape(IReadOnlyList<int> shape)
    {
        return shape.Count == 1 ? $"({shape[0]},)" : $"({string.Join(", ", shape)})";
    }

    private static (NpyHeader Header, int DataStart) ReadHeader(byte[] bytes, string source)
    {
        var (major, minor) = (bytes[6], bytes[7]);
        if (minor != 0 || major is < 1 or > 3)
        {
            throw new UserErrorException(
                $"{source} has .npy format version {major}.{minor}, which is not supported; "
                + "expected 1.0, 2.0 or 3.0. Re-save it with numpy.save.");
        }

        var prefix = major == 1 ? 10 : 12;
        long length = major == 1
            ? BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8))
            : bytes.Length < prefix
                ? long.MaxValue
                : BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8));
        if (length > bytes.Length - prefix)
        {
            throw new UserErrorException(
                $"{source} is truncated: its .npy header is longer than the {bytes.Length} bytes "
                + $"it has. {Hint}");
        }

        var encoding = major == 3 ? Encoding.UTF8 : Encoding.Latin1;
        var text = encoding.GetString(bytes, prefix, (int)length);
        try
        {
            return (NpyHeaderParser.Parse(text), prefix + (int)length);
        }
        catch (FormatException ex)
        {
            var shown = text.Length > 200 ? text[..200] + "..." : text.TrimEnd();
            throw new UserErrorException(
                $"{source} has a malformed .npy header ({UserMessages.Clause(ex.Message)}): {shown}. {Hint}", ex);
        }
    }

    private static NpyArray ReadObjectArray(
        byte[] bytes, int dataStart, NpyHeader header, string source)
    {
        if (header.Shape.Length != 1)
        {
            throw new UserErrorException(
                $"{source} is an object array of shape {FormatShape(header.Shape)}; only 1-D object "
                + $"arrays are supported. {Hint}");
        }

        var rows = SafePickle.DecodeIntLists(bytes.AsMemory(dataStart), source);
        if (rows.Length != header.Shape[0])
        {
            throw new UserErrorException(
                $"{source} has {rows.Length} pickled rows but its header says shape "
                + $"{FormatShape(header.Shape)}. {Hint}");
        }

        return new NpyArray(source, header.Shape, rows);
    }

    private static NpyArray ReadNumericArray(
        byte[] bytes, int dataStart, NpyHeader header, int count, string source)
    {
        var needed = (long)count * NpyDtypes.ItemSize(header.Descr);
        var available = bytes.Length - dataStart;
        if (available < needed)
        {
            var shape = FormatShape(header.Shape);
            throw new UserErrorException(
                $"{source} is truncated: shape {shape} of '{header.Descr}' needs {needed} bytes "
                + $"of data but it has {available}. {Hint}");
        }

        var data = bytes.AsMemory(dataStart, (int)needed);
        return new NpyArray(source, header.Descr, header.Shape, count, data);
    }
}
