using System.Formats.Tar;
using System.IO.Compression;

namespace GpuImdb.Trainer.Data;

/// <summary>
/// Reads the labelled reviews of Stanford's Large Movie Review Dataset: the files
/// <c>train|test/pos|neg/&lt;id&gt;_&lt;rating&gt;.txt</c> of the extracted <c>aclImdb</c> folder, or
/// the same entries straight out of <c>aclImdb_v1.tar.gz</c> (no extraction to disk). Everything
/// else (<c>unsup/</c>, the url lists, the vocabulary and bag-of-words files) is ignored. Files
/// come in the order the folder or archive lists them; sorting is the caller's business.
/// </summary>
internal static class AclImdbReader
{
    /// <summary>The largest review file read; Stanford's longest is under 14 kB.</summary>
    public const int MaxReviewBytes = 16 << 20;

    /// <summary>The most review text read from one source, so a hostile archive cannot fill memory.</summary>
    public const long MaxTotalBytes = 1L << 30;

    private const string Hint =
        "Download aclImdb_v1.tar.gz again, or pass --data PATH with Keras's imdb.npz instead.";

    private static readonly (bool IsTrain, bool IsPositive)[] Folders =
        [(true, true), (true, false), (false, true), (false, false)];

    /// <summary>"train/pos", "train/neg", "test/pos" or "test/neg".</summary>
    public static string FolderName(bool isTrain, bool isPositive) =>
        (isTrain ? "train/" : "test/") + (isPositive ? "pos" : "neg");

    /// <summary>
    /// Every review file under <paramref name="path"/>, a folder (aclImdb itself, or a folder
    /// holding it) or a .tar.gz. Throws <see cref="UserErrorException"/> naming the file and entry
    /// for a damaged, cut-off or oversized source, and for a missing or empty review folder.
    /// </summary>
    public static IEnumerable<AclImdbReview> Read(string path, ImdbFormat format)
    {
        ArgumentNullException.ThrowIfNull(path);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var counts = new int[Folders.Length];
        long total = 0;
        var reviews = format == ImdbFormat.AclImdbTarGz ? FromTarGz(path) : FromDirectory(path);
        foreach (var review in reviews)
        {
            var key = review.Folder + "/" + review.FileName;
            if (!seen.Add(key))
            {
                throw new UserErrorException(
                    $"{review.Source} is a second copy of {key}; each review must appear once. {Hint}");
            }

            total += review.Content.Length;
            if (total > MaxTotalBytes)
            {
                throw new UserErrorException(
                    $"{path} holds more than {MaxTotalBytes >> 20} MiB of review text (at {review.Source}); "
                    + $"Stanford's reviews are 65 MB. {Hint}");
            }

            counts[Array.IndexOf(Folders, (review.IsTrain, review.IsPositive))]++;
            yield return review;
        }

        for (var i = 0; i < Folders.Length; i++)
        {
            if (counts[i] == 0)
            {
                var folder = FolderName(Folders[i].IsTrain, Folders[i].IsPositive);
                throw new UserErrorException(
                    $"{path} has no reviews in {folder} (files named like {folder}/0_9.txt); Stanford's "
                    + $"aclImdb holds train/pos, train/neg, test/pos and test/neg. {Hint}");
            }
        }
    }

    /// <summary>
    /// Matches <c>[PREFIX/]train|test/pos|neg/ID_RATING.txt</c>; returns false for anything else.
    /// </summary>
    internal static bool TryParseName(string name, out bool isTrain, out bool isPositive, out string fileName)
    {
        isTrain = false;
        isPositive = false;
        fileName = "";
        var parts = name.Split('/');
        if (parts.Length < 3)
        {
            return false;
        }

        var (split, label, file) = (parts[^3], parts[^2], parts[^1]);
        if (split is not ("train" or "test") || label is not ("pos" or "neg") || !IsReviewFileName(file))
        {
            return false;
        }

        isTrain = split == "train";
        isPositive = label == "pos";
        fileName = file;
        return true;
    }

    // ID_RATING.txt with both parts decimal digits, as Stanford names every review.
    private static bool IsReviewFileName(string name)
    {
        if (!name.EndsWith(".txt", StringComparison.Ordinal))
        {
            return false;
        }

        var stem = name.AsSpan(0, name.Length - 4);
        var underscore = stem.IndexOf('_');
        return underscore > 0
            && underscore < stem.Length - 1
            && !stem[..underscore].ContainsAnyExceptInRange('0', '9')
            && !stem[(underscore + 1)..].ContainsAnyExceptInRange('0', '9');
    }

    private static IEnumerable<AclImdbReview> FromDirectory(string path)
    {
        var root = Directory.Exists(Path.Combine(path, "train")) || Directory.Exists(Path.Combine(path, "test"))
            ? path
            : Path.Combine(path, "aclImdb");
        foreach (var (isTrain, isPositive) in Folders)
        {
            var folder = Path.Combine(root, isTrain ? "train" : "test", isPositive ? "pos" : "neg");
            if (!Directory.Exists(folder))
            {
                var name = FolderName(isTrain, isPositive);
                throw new UserErrorException(
                    $"{path} has no folder {name}; expected Stanford's aclImdb folder (holding train/pos, "
                    + $"train/neg, test/pos and test/neg) or a folder holding it. {Hint}");
            }

            foreach (var file in Directory.EnumerateFiles(folder))
            {
                var name = Path.GetFileName(file);
                if (IsReviewFileName(name))
                {
                    yield return new AclImdbReview(isTrain, isPositive, name, file, ReadFile(file));
                }
            }
        }
    }

    private static byte[] ReadFile(string file)
    {
        try
        {
            using var stream = File.OpenRead(file);
            if (stream.Length > MaxReviewBytes)
            {
                throw new UserErrorException(
                    $"{file} is {stream.Length} bytes, more than the {MaxReviewBytes >> 20} MiB a review "
                    + $"may have. {Hint}");
            }

            var bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
            return bytes;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UserErrorException($"Could not read {file}: {ex.Message}", ex);
        }
    }

    private static IEnumerable<AclImdbReview> FromTarGz(string path)
    {
        FileStream file;
        try
        {
            file = File.OpenRead(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UserErrorException($"Could not read {path}: {ex.Message}", ex);
        }

        using (file)
        using (var gzip = new GZipStream(file, CompressionMode.Decompress))
        using (var tar = new TarReader(gzip))
        {
            string? previous = null;
            while (NextEntry(tar, path, previous) is { } entry)
            {
                previous = $"entry '{entry.Name}'";
                if (!TryParseName(entry.Name, out var isTrain, out var isPositive, out var fileName))
                {
                    continue;
                }

                var source = $"{path}: entry '{entry.Name}'";
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile))
                {
                    throw new UserErrorException(
                        $"{source} is a {entry.EntryType} entry, not a file; reviews must be plain files. {Hint}");
                }

                yield return new AclImdbReview(isTrain, isPositive, fileName, source, ReadEntry(entry, source));
            }
        }
    }

    // previous: the entry read last, as messages name it; null before the first.
    private static TarEntry? NextEntry(TarReader tar, string path, string? previous)
    {
        try
        {
            return tar.GetNextEntry();
        }
        catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException or FormatException
            or IOException)
        {
            var what = previous is null
                ? "reading its first tar entry failed"
                : $"reading the tar entry after {previous} failed";
            throw new UserErrorException(
                $"{path} is cut off or damaged: {what} ({UserMessages.Clause(ex.Message)}). {Hint}", ex);
        }
    }

    private static byte[] ReadEntry(TarEntry entry, string source)
    {
        if (entry.Length > MaxReviewBytes)
        {
            throw new UserErrorException(
                $"{source} is {entry.Length} bytes, more than the {MaxReviewBytes >> 20} MiB a review may have. "
                + Hint);
        }

        var bytes = new byte[entry.Length];
        var read = 0;
        try
        {
            if (entry.DataStream is { } data)
            {
                read = data.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException)
        {
            throw new UserErrorException(
                $"{source} could not be decompressed ({UserMessages.Clause(ex.Message)}). {Hint}", ex);
        }

        if (read < bytes.Length)
        {
            throw new UserErrorException(
                $"{source} is cut off: the archive ends after {read} of its {bytes.Length} bytes. {Hint}");
        }

        return bytes;
    }
}
