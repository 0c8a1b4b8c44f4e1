using System.IO.Compression;

namespace GpuImdb.Trainer.Data;

/// <summary>
/// Reads the arrays of an .npz file: a zip archive with one .npy file per array, as numpy's
/// <c>savez</c> writes it. Names may be given with or without the <c>.npy</c> suffix.
/// </summary>
public sealed class NpzReader : IDisposable
{
    private const string Hint = "re-download it or pass --data PATH";
    private readonly ZipArchive _archive;

    private NpzReader(string path, ZipArchive archive)
    {
        Path = path;
        _archive = archive;
        EntryNames = archive.Entries.Select(e => e.FullName).ToArray();
    }

    /// <summary>The path the archive was opened from, as messages name it.</summary>
    public string Path { get; }

    /// <summary>The archive's entry names, such as <c>x_train.npy</c>, in archive order.</summary>
    public IReadOnlyList<string> EntryNames { get; }

    /// <summary>
    /// Opens <paramref name="path"/>. Throws <see cref="UserErrorException"/> when it is missing,
    /// unreadable, or not a zip archive.
    /// </summary>
    public static NpzReader Open(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new UserErrorException(
                $"File not found: {path}; pass --data PATH with the IMDB .npz file.");
        }

        try
        {
            return new NpzReader(path, ZipFile.OpenRead(path));
        }
        catch (InvalidDataException ex)
        {
            throw new UserErrorException(
                $"{path} is not a valid .npz (zip) archive: {UserMessages.Clause(ex.Message)}; {Hint}.", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UserErrorException(
                $"Could not read {path}: {UserMessages.Clause(ex.Message)}; check its permissions or {Hint}.", ex);
        }
    }

    /// <summary>True when the archive has entry <paramref name="name"/> (".npy" optional).</summary>
    public bool Contains(string name)
    {
        return _archive.GetEntry(EntryName(name)) is not null;
    }

    /// <summary>
    /// Reads and parses the entry <paramref name="name"/> (".npy" optional). Throws
    /// <see cref="UserErrorException"/> when it is missing, damaged or not a supported array.
    /// </summary>
    public NpyArray Read(string name)
    {
        var entryName = EntryName(name);
        var entry = _archive.GetEntry(entryName);
        var source = $"{Path}: entry '{entryName}'";
        if (entry is null)
        {
            var present = EntryNames.Count == 0 ? "none" : string.Join(", ", EntryNames);
            throw new UserErrorException(
                $"{Path} has no entry '{entryName}' (its entries: {present}); expected the IMDB "
                + $".npz with x_train, y_train, x_test and y_test; {Hint}.");
        }

        if (entry.Length > Array.MaxLength)
        {
            throw new UserErrorException(
                $"{source} is {entry.Length} bytes uncompressed, more than one array holds; {Hint}.");
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
                $"{source} could not be decompressed ({UserMessages.Clause(ex.Message)}); {Hint}.", ex);
        }

        return NpyReader.Parse(bytes, source);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _archive.Dispose();
    }

    private static string EntryName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.EndsWith(".npy", StringComparison.Ordinal) ? name : name + ".npy";
    }
}
