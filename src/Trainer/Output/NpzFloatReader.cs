using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using GpuImdb.Trainer.Data;

namespace GpuImdb.Trainer.Output;

/// <summary>
/// Reads the float32 arrays and text entries of an .npz this project wrote (weights, checkpoints),
/// or one numpy re-saved with <c>savez</c>. Every problem becomes a
/// <see cref="UserErrorException"/> that names the file and ends with the hint given to
/// <see cref="Open"/>.
/// </summary>
internal sealed class NpzFloatReader : IDisposable
{
    private static readonly byte[] Magic = [0x93, .. "NUMPY"u8];
    private readonly ZipArchive _archive;
    private readonly string _hint;

    private NpzFloatReader(string path, ZipArchive archive, string hint)
    {
        Path = path;
        _archive = archive;
        _hint = hint;
    }

    /// <summary>The file, as messages name it.</summary>
    public string Path { get; }

    /// <summary>Opens <paramref name="path"/>; <paramref name="hint"/> ends every message (what to do).</summary>
    public static NpzFloatReader Open(string path, string hint)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new UserErrorException($"File not found: {path}. {hint}");
        }

        try
        {
            return new NpzFloatReader(path, ZipFile.OpenRead(path), hint);
        }
        catch (InvalidDataException ex)
        {
            throw new UserErrorException(
                $"{path} is not a valid .npz (zip) archive: {UserMessages.Clause(ex.Message)}. {hint}", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UserErrorException($"Could not read {path}: {UserMessages.Clause(ex.Message)}. {hint}", ex);
        }
    }

    /// <summary>True when the archive has the array <paramref name="name"/> (<c>NAME.npy</c>).</summary>
    public bool Contains(string name) => _archive.GetEntry(name + ".npy") is not null;

    /// <summary>Reads <c>NAME.npy</c>, which must be a C-ordered little-endian float32 array.</summary>
    public NamedArray Read(string name)
    {
        string entryName = name + ".npy";
        byte[] bytes = ReadEntry(entryName);
        string source = $"{Path}: entry '{entryName}'";
        if (bytes.Length < 10 || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            throw new UserErrorException($"{source} is not a .npy array. {_hint}");
        }

        int major = bytes[6];
        int prefix = major == 1 ? 10 : 12;
        long headerLength = major switch
        {
            1 => BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8)),
            2 or 3 when bytes.Length >= 12 => BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8)),
            _ => -1,
        };
        if (bytes[7] != 0 || headerLength < 0 || headerLength > bytes.Length - prefix)
        {
            throw new UserErrorException(
                $"{source} has an unsupported .npy version {major}.{bytes[7]} or a truncated header. {_hint}");
        }

        var encoding = major == 3 ? Encoding.UTF8 : Encoding.Latin1;
        NpyHeader header;
        try
        {
            header = NpyHeaderParser.Parse(encoding.GetString(bytes, prefix, (int)headerLength));
        }
        catch (FormatException ex)
        {
            throw new UserErrorException(
                $"{source} has a malformed .npy header ({UserMessages.Clause(ex.Message)}). {_hint}", ex);
        }

        if (header.Descr != "<f4" || header.FortranOrder)
        {
            throw new UserErrorException(
                $"{source} holds '{header.Descr}'{(header.FortranOrder ? " in Fortran order" : "")}; expected "
                + $"float32 ('<f4') in C order. {_hint}");
        }

        long count = header.Shape.Aggregate(1L, (a, b) => a * b);
        int dataStart = prefix + (int)headerLength;
        if (count * 4 != bytes.Length - dataStart)
        {
            throw new UserErrorException(
                $"{source} has {bytes.Length - dataStart} bytes of data, but its shape "
                + $"({string.Join(", ", header.Shape)}) needs {count * 4}. {_hint}");
        }

        var values = new float[count];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(dataStart + 4 * i));
        }

        return new NamedArray(name, values, header.Shape);
    }

    /// <summary>Reads entry <paramref name="entryName"/> as UTF-8 text.</summary>
    public string ReadText(string entryName) => Encoding.UTF8.GetString(ReadEntry(entryName));

    /// <inheritdoc/>
    public void Dispose() => _archive.Dispose();

    private byte[] ReadEntry(string entryName)
    {
        var entry = _archive.GetEntry(entryName);
        if (entry is null)
        {
            string present = string.Join(", ", _archive.Entries.Select(e => e.FullName));
            throw new UserErrorException(
                $"{Path} has no entry '{entryName}' (it has: {(present.Length > 0 ? present : "none")}). {_hint}");
        }

        if (entry.Length > Array.MaxLength)
        {
            throw new UserErrorException($"{Path}: entry '{entryName}' is too large to read. {_hint}");
        }

        var bytes = new byte[entry.Length];
        try
        {
            using var stream = entry.Open();
            stream.ReadExactly(bytes);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException)
        {
            throw new UserErrorException(
                $"{Path}: entry '{entryName}' could not be read ({UserMessages.Clause(ex.Message)}). {_hint}", ex);
        }

        return bytes;
    }
}
