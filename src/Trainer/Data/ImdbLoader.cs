namespace GpuImdb.Trainer.Data;

/// <summary>
/// Loads the IMDB reviews from whichever form the user has: Keras's imdb.npz, Stanford's aclImdb
/// folder or its aclImdb_v1.tar.gz. The form is recognised by content (zip or gzip signature, or a
/// folder), not by name, and every form gives the same load_data result.
/// </summary>
public static class ImdbLoader
{
    /// <summary>The name of Keras's word index file, looked for beside the data.</summary>
    public const string WordIndexFileName = "imdb_word_index.json";

    private const string Expected =
        "Pass Keras's imdb.npz, Stanford's aclImdb_v1.tar.gz or its extracted aclImdb folder.";

    /// <summary>
    /// Tells what <paramref name="path"/> holds from its first bytes (or that it is a folder).
    /// Throws <see cref="UserErrorException"/> when it is none of the known forms, or not the form
    /// <paramref name="expected"/> asks for.
    /// </summary>
    public static ImdbFormat Detect(string path, DataFormat expected = DataFormat.Auto)
    {
        ArgumentNullException.ThrowIfNull(path);
        var format = DetectContent(path);
        var matches = expected switch
        {
            DataFormat.Npz => format == ImdbFormat.Npz,
            DataFormat.Raw => format != ImdbFormat.Npz,
            _ => true,
        };
        if (!matches)
        {
            var what = format == ImdbFormat.Npz ? "an .npz (zip) file" : "Stanford's raw reviews";
            var option = expected == DataFormat.Npz ? "npz" : "raw";
            throw new UserErrorException(
                $"{path} holds {what}, but --format {option} was given; pass --format auto (the "
                + "default) to read it anyway, or name the other file with --data.");
        }

        return format;
    }

    /// <summary>
    /// Keras's word index for the data at <paramref name="dataPath"/>: inside it when it is a
    /// folder, else beside it. Null when there is none.
    /// </summary>
    public static string? FindWordIndex(string dataPath)
    {
        ArgumentNullException.ThrowIfNull(dataPath);
        var full = Path.GetFullPath(dataPath);
        if (Directory.Exists(full) && File.Exists(Path.Combine(full, WordIndexFileName)))
        {
            return Path.Combine(full, WordIndexFileName);
        }

        var beside = Path.Combine(
            Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(full)) ?? ".", WordIndexFileName);
        return File.Exists(beside) ? beside : null;
    }

    /// <summary>
    /// Loads <paramref name="path"/> with <c>imdb.load_data(num_words=numWords)</c> semantics.
    /// Raw reviews are mapped with the word index <paramref name="wordIndexPath"/>, else the one
    /// <see cref="FindWordIndex"/> finds, else one built from the training reviews
    /// (<see cref="ImdbData.BuiltWordIndex"/>). Throws <see cref="UserErrorException"/> for any
    /// problem with the files.
    /// </summary>
    public static ImdbData Load(
        string path, int numWords = 10000, DataFormat format = DataFormat.Auto, string? wordIndexPath = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var detected = Detect(path, format);
        if (detected == ImdbFormat.Npz)
        {
            return KerasImdb.Load(path, numWords);
        }

        var indexPath = wordIndexPath ?? FindWordIndex(path);
        var words = indexPath is null ? null : WordIndex.Load(indexPath);
        var data = AclImdb.Load(path, detected, words, numWords);
        return data with { WordIndexPath = indexPath is null ? null : Path.GetFullPath(indexPath) };
    }

    private static ImdbFormat DetectContent(string path)
    {
        if (Directory.Exists(path))
        {
            return ImdbFormat.AclImdbDirectory;
        }

        Span<byte> head = stackalloc byte[4];
        int length;
        try
        {
            using var stream = File.OpenRead(path);
            length = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new UserErrorException($"File not found: {path}; check the path. {Expected}", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UserErrorException($"Could not read {path}: {ex.Message}", ex);
        }

        head = head[..length];
        if (head.StartsWith("PK"u8) && length == 4 && head[2] < 10 && head[3] < 10)
        {
            return ImdbFormat.Npz;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x1F, 0x8B]))
        {
            return ImdbFormat.AclImdbTarGz;
        }

        var start = length == 0 ? "it is empty" : $"its first bytes are {Convert.ToHexString(head)}";
        if (path.EndsWith(".npz", StringComparison.OrdinalIgnoreCase))
        {
            throw new UserErrorException(
                $"{path} is not a valid .npz (zip) archive: {start}, not a zip signature (504B). Re-download "
                + "it or pass --data PATH.");
        }

        throw new UserErrorException(
            $"{path} is not IMDB data: {start}, neither a zip (.npz) nor a gzip (.tar.gz) signature. {Expected}");
    }
}
