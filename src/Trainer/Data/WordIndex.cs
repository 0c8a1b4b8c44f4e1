using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using GpuImdb.Trainer.Output;

namespace GpuImdb.Trainer.Data;

/// <summary>
/// Keras's <c>imdb_word_index.json</c>: each word's frequency rank (1 = most frequent), and the
/// tutorial's way of turning ids back into text.
/// </summary>
public sealed class WordIndex
{
    /// <summary>Where Keras downloads the word index from.</summary>
    public const string DownloadAddress =
        "https://storage.googleapis.com/tensorflow/tf-keras-datasets/imdb_word_index.json";

    private static readonly string[] Reserved = ["<PAD>", "<START>", "<UNK>", "<UNUSED>"];
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];
    private readonly Dictionary<string, int> _ranks;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _spanLookup;
    private readonly Dictionary<int, string> _wordsByRank = [];

    /// <summary>Builds an index from word ranks; later words win when two share a rank.</summary>
    public WordIndex(IEnumerable<KeyValuePair<string, int>> ranks)
    {
        ArgumentNullException.ThrowIfNull(ranks);
        _ranks = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (word, rank) in ranks)
        {
            if (rank <= 0)
            {
                throw new ArgumentException(
                    $"Word '{word}' has rank {rank}; ranks must be 1 or more.", nameof(ranks));
            }

            _ranks[word] = rank;
            _wordsByRank[rank] = word;
        }

        _spanLookup = _ranks.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Each word's rank, as in the JSON file.</summary>
    public IReadOnlyDictionary<string, int> Ranks => _ranks;

    /// <summary>The number of words.</summary>
    public int Count => _ranks.Count;

    /// <summary>The rank of <paramref name="word"/>, looked up without allocating a string.</summary>
    public bool TryGetRank(ReadOnlySpan<char> word, out int rank)
    {
        return _spanLookup.TryGetValue(word, out rank);
    }

    /// <summary>
    /// Writes the index as Keras's file is laid out, one JSON object mapping each word to its
    /// rank, most frequent first, so <see cref="Load"/> (and Python's <c>json.load</c>) read it
    /// back. The file is written to a temporary name and renamed into place.
    /// </summary>
    public void Save(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        AtomicFile.Write(path, stream =>
        {
            var options = new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
            using var json = new Utf8JsonWriter(stream, options);
            json.WriteStartObject();
            foreach (var (word, rank) in _ranks.OrderBy(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal))
            {
                json.WriteNumber(word, rank);
            }

            json.WriteEndObject();
        });
    }

    /// <summary>
    /// Reads a word index JSON file: one object mapping each word to a positive integer rank.
    /// Throws <see cref="UserErrorException"/> naming the file when it is missing or malformed.
    /// </summary>
    public static WordIndex Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new UserErrorException(
                $"File not found: {path}; download it from {DownloadAddress}.", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UserErrorException($"Could not read {path}: {ex.Message}", ex);
        }

        List<KeyValuePair<string, int>> ranks;
        try
        {
            ranks = ParseRanks(bytes, path);
        }
        catch (JsonException ex)
        {
            throw new UserErrorException(
                $"{path} is not a valid word index: {ex.Message} Expected Keras's "
                + "imdb_word_index.json, one object mapping each word to its rank; download it from "
                + $"{DownloadAddress}.",
                ex);
        }

        if (ranks.Count == 0)
        {
            throw new UserErrorException(
                $"{path} is a word index with no words ({{}}), so no review would have a known word. Expected "
                + $"Keras's imdb_word_index.json or the word_index.json of a model folder; download Keras's from "
                + $"{DownloadAddress}.");
        }

        return new WordIndex(ranks);
    }

    /// <summary>
    /// Counts the ids that stand for words (all but the reserved 0 to 3) and how many of them this
    /// index has no word for, which <see cref="Decode"/> shows as "?". When most are unknown, the
    /// index does not fit the ids (see <see cref="IdCoverage.Warning"/>).
    /// </summary>
    public IdCoverage Coverage(IEnumerable<int> ids, int indexFrom = 3)
    {
        ArgumentNullException.ThrowIfNull(ids);
        int wordIds = 0;
        int unknown = 0;
        foreach (var id in ids)
        {
            if (id is >= 0 and < 4)
            {
                continue;
            }

            wordIds++;
            if (WordOf(id, indexFrom) == "?")
            {
                unknown++;
            }
        }

        return new IdCoverage(wordIds, unknown);
    }

    /// <summary>
    /// Turns ids back into words, as the tutorial's <c>decode_review</c> does: id rank +
    /// <paramref name="indexFrom"/> is that word; 0 to 3 are &lt;PAD&gt;, &lt;START&gt;,
    /// &lt;UNK&gt; and &lt;UNUSED&gt;; any other id is "?". Words are joined by single spaces.
    /// </summary>
    public string Decode(IEnumerable<int> ids, int indexFrom = 3)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var text = new StringBuilder();
        foreach (var id in ids)
        {
            if (text.Length > 0)
            {
                text.Append(' ');
            }

            text.Append(WordOf(id, indexFrom));
        }

        return text.ToString();
    }

    private string WordOf(int id, int indexFrom)
    {
        const string unknown = "?";
        // The tutorial adds the reserved words after shifting the ranks, so they win any clash.
        if (id is >= 0 and < 4)
        {
            return Reserved[id];
        }

        var rank = (long)id - indexFrom;
        return rank is > 0 and <= int.MaxValue && _wordsByRank.TryGetValue((int)rank, out var word)
            ? word
            : unknown;
    }

    private static List<KeyValuePair<string, int>> ParseRanks(byte[] bytes, string path)
    {
        var json = bytes.AsSpan();
        if (json.StartsWith(Utf8Bom))
        {
            json = json[Utf8Bom.Length..];
        }

        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"It does not start with '{{' (found {reader.TokenType}).");
        }

        var ranks = new List<KeyValuePair<string, int>>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var word = reader.GetString()!;
            if (!reader.Read() || reader.TokenType != JsonTokenType.Number
                || !reader.TryGetInt32(out var rank) || rank <= 0)
            {
                throw new UserErrorException(
                    $"{path}: word '{word}' has rank {Shown(reader, json)}; expected a whole number "
                    + $"of 1 or more. Download the word index again from {DownloadAddress}.");
            }

            ranks.Add(new KeyValuePair<string, int>(word, rank));
        }

        if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
        {
            throw new JsonException(
                $"Unexpected {reader.TokenType} at byte {reader.TokenStartIndex}.");
        }

        return ranks;
    }

    private static string Shown(Utf8JsonReader reader, ReadOnlySpan<byte> json)
    {
        var start = (int)reader.TokenStartIndex;
        var length = reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray
            ? 1
            : Math.Min(40, (int)reader.BytesConsumed - start);
        return Encoding.UTF8.GetString(json.Slice(start, Math.Max(0, length)));
    }
}
