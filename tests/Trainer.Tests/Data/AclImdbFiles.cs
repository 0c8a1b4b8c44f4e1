using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace GpuImdb.Trainer.Tests.Data;

/// <summary>
/// A tiny Stanford-style review set in memory: entry names (such as
/// <c>aclImdb/train/pos/0_9.txt</c>) and their bytes, written as a .tar.gz or a folder.
/// </summary>
internal sealed class AclImdbFiles
{
    private readonly List<(string Name, byte[] Bytes)> _entries = [];

    /// <summary>One review per folder, so the set is complete.</summary>
    public static AclImdbFiles Minimal() => new AclImdbFiles()
        .Review("train/pos/0_9.txt", "A great movie.")
        .Review("train/neg/0_1.txt", "A bad movie.")
        .Review("test/pos/0_8.txt", "Great acting.")
        .Review("test/neg/0_2.txt", "Bad acting.");

    public IReadOnlyList<(string Name, byte[] Bytes)> Entries => _entries;

    /// <summary>A .tar.gz whose gzip stream ends inside the data of train/neg/0_1.txt.</summary>
    public static byte[] CutInsideAReview()
    {
        // Random letters barely compress, so the cut lands inside the long review.
        var random = new Random(5);
        var longText = new string(Enumerable.Range(0, 200_000).Select(_ => (char)('a' + random.Next(26))).ToArray());
        var whole = Minimal().Without("train/neg/0_1.txt").Review("train/neg/0_1.txt", longText).ToTarGz();
        return whole[..(whole.Length / 2)];
    }

    /// <summary>Adds aclImdb/<paramref name="path"/> holding <paramref name="text"/> as UTF-8.</summary>
    public AclImdbFiles Review(string path, string text) => Entry("aclImdb/" + path, Encoding.UTF8.GetBytes(text));

    public AclImdbFiles Entry(string name, byte[] bytes)
    {
        _entries.Add((name, bytes));
        return this;
    }

    public AclImdbFiles Without(string path)
    {
        _entries.RemoveAll(e => e.Name == "aclImdb/" + path);
        return this;
    }

    public byte[] ToTarGz()
    {
        using var memory = new MemoryStream();
        using (var gzip = new GZipStream(memory, CompressionLevel.Optimal, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Gnu))
        {
            foreach (var (name, bytes) in _entries)
            {
                var entry = new GnuTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(bytes) };
                tar.WriteEntry(entry);
            }
        }

        return memory.ToArray();
    }

    /// <summary>Writes the files under <paramref name="folder"/>; returns the aclImdb folder.</summary>
    public string WriteFolder(string folder)
    {
        foreach (var (name, bytes) in _entries)
        {
            var path = Path.Combine(folder, name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, bytes);
        }

        return Path.Combine(folder, "aclImdb");
    }
}
