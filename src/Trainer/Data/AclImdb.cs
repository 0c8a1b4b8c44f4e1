using System.Buffers;
using System.Text.Unicode;

namespace GpuImdb.Trainer.Data;

/// <summary>
/// Builds Keras's IMDB data from Stanford's raw reviews, as Keras built imdb.npz: each split is
/// its positive reviews then its negative ones, each sorted by file name (ordinal); each review is
/// split into words by <see cref="KerasTextTokenizer"/> and each word becomes its rank in the word
/// index, words missing from the index being dropped. Then <see cref="KerasImdb.FromRanks"/>
/// applies load_data's shuffle and id steps, exactly as for imdb.npz.
/// </summary>
public static class AclImdb
{
    /// <summary>
    /// Reads the reviews under <paramref name="path"/> (the aclImdb folder, a folder holding it,
    /// or aclImdb_v1.tar.gz, as <paramref name="format"/> says). With <paramref name="words"/>
    /// (Keras's imdb_word_index.json) the ids equal those of Keras's imdb.npz. Without it, an
    /// index is built from the training reviews: words ranked by count, ties by first appearance;
    /// it is returned as <see cref="ImdbData.BuiltWordIndex"/>. The other arguments are
    /// <see cref="KerasImdb.Load"/>'s. Throws <see cref="UserErrorException"/> for a damaged
    /// source or a review that is not UTF-8, naming the file.
    /// </summary>
    public static ImdbData Load(
        string path,
        ImdbFormat format,
        WordIndex? words = null,
        int numWords = 10000,
        int seed = 113,
        int startChar = 1,
        int oovChar = 2,
        int indexFrom = 3)
    {
        var ranks = ReadRanks(path, format, words);
        var data = KerasImdb.FromRanks(ranks.Train, ranks.Test, path, numWords, seed, startChar, oovChar, indexFrom);
        return data with { Format = format, BuiltWordIndex = ranks.BuiltWordIndex };
    }

    /// <summary>
    /// Reads the reviews as word ranks in Keras's file order, before load_data's steps: what
    /// imdb.npz's x_train, y_train, x_test and y_test hold. Without <paramref name="words"/> the
    /// ranks come from an index built from the training reviews, returned with them.
    /// </summary>
    public static RankedImdb ReadRanks(string path, ImdbFormat format, WordIndex? words = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (format == ImdbFormat.Npz)
        {
            throw new ArgumentException("Use KerasImdb.Load for an .npz file.", nameof(format));
        }

        var vocabulary = new Vocabulary();
        var folders = new List<(string Name, int[] Words)>[4];
        for (var i = 0; i < folders.Length; i++)
        {
            folders[i] = [];
        }

        foreach (var review in AclImdbReader.Read(path, format))
        {
            var folder = (review.IsTrain ? 0 : 2) + (review.IsPositive ? 0 : 1);
            folders[folder].Add((review.FileName, vocabulary.Tokenize(review)));
        }

        foreach (var folder in folders)
        {
            folder.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        }

        var built = words is null ? BuildIndex(vocabulary, folders[0], folders[1]) : null;
        var ranks = RankOf(vocabulary, words ?? built!);
        return new RankedImdb(Split(ranks, folders[0], folders[1]), Split(ranks, folders[2], folders[3]), built);
    }

    // Keras's Tokenizer ranks words by count; its OrderedDict and stable sort break ties by first
    // appearance.
    private static WordIndex BuildIndex(
        Vocabulary vocabulary, List<(string Name, int[] Words)> positive, List<(string Name, int[] Words)> negative)
    {
        var counts = new long[vocabulary.Count];
        var firstSeen = new List<int>();
        foreach (var (_, review) in positive.Concat(negative))
        {
            foreach (var word in review)
            {
                if (counts[word]++ == 0)
                {
                    firstSeen.Add(word);
                }
            }
        }

        // OrderByDescending is a stable sort, so equal counts keep their first-appearance order.
        var ordered = firstSeen.OrderByDescending(w => counts[w]);
        return new WordIndex(ordered.Select((w, i) => new KeyValuePair<string, int>(vocabulary[w], i + 1)));
    }

    private static int[] RankOf(Vocabulary vocabulary, WordIndex words)
    {
        var ranks = new int[vocabulary.Count];
        for (var i = 0; i < ranks.Length; i++)
        {
            ranks[i] = words.TryGetRank(vocabulary[i], out var rank) ? rank : 0;
        }

        return ranks;
    }

    private static RankedReviews Split(
        int[] ranks, List<(string Name, int[] Words)> positive, List<(string Name, int[] Words)> negative)
    {
        var reviews = new int[positive.Count + negative.Count][];
        var labels = new int[reviews.Length];
        var i = 0;
        foreach (var (list, label) in new[] { (positive, 1), (negative, 0) })
        {
            foreach (var (_, words) in list)
            {
                reviews[i] = Known(words, ranks);
                labels[i] = label;
                i++;
            }
        }

        return new RankedReviews(reviews, labels);
    }

    // Words missing from the index are dropped, as Keras dropped them when it built imdb.npz.
    private static int[] Known(int[] words, int[] ranks)
    {
        var kept = 0;
        foreach (var word in words)
        {
            kept += ranks[word] > 0 ? 1 : 0;
        }

        var result = new int[kept];
        var k = 0;
        foreach (var word in words)
        {
            if (ranks[word] > 0)
            {
                result[k++] = ranks[word];
            }
        }

        return result;
    }

    /// <summary>Numbers every distinct word in the order first read, so reviews are held as ints.</summary>
    private sealed class Vocabulary : IWordSink
    {
        private readonly Dictionary<string, int> _numbers = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
        private readonly List<string> _words = [];
        private readonly List<int> _review = [];
        private char[] _text = new char[4096];

        public Vocabulary()
        {
            _lookup = _numbers.GetAlternateLookup<ReadOnlySpan<char>>();
        }

        public int Count => _words.Count;

        public string this[int number] => _words[number];

        public int[] Tokenize(AclImdbReview review)
        {
            if (_text.Length < review.Content.Length)
            {
                _text = new char[Math.Max(review.Content.Length, _text.Length * 2)];
            }

            var status = Utf8.ToUtf16(
                review.Content, _text, out var read, out var written, replaceInvalidSequences: false);
            if (status != OperationStatus.Done)
            {
                throw new UserErrorException(
                    $"{review.Source} is not valid UTF-8 (at byte {read}); Stanford's reviews are UTF-8 "
                    + "text. Re-save the file as UTF-8 or download the data again.");
            }

            _review.Clear();
            KerasTextTokenizer.ForEachWord(_text.AsSpan(0, written), this);
            return [.. _review];
        }

        public void Add(ReadOnlySpan<char> word)
        {
            if (!_lookup.TryGetValue(word, out var number))
            {
                number = _words.Count;
                var text = word.ToString();
                _numbers.Add(text, number);
                _words.Add(text);
            }

            _review.Add(number);
        }
    }
}
