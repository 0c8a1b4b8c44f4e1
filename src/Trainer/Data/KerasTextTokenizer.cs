using System.Buffers;

namespace GpuImdb.Trainer.Data;

/// <summary>
/// Splits review text into words the way the 2015 Keras <c>text_to_word_sequence</c> did when
/// imdb.npz was built (under Python 2, on byte strings): ASCII letters are lower-cased and every
/// other character is kept as it is; each of <see cref="Filters"/> becomes a space; the text is
/// split on spaces and empty pieces are dropped. So <c>"Great!&lt;br /&gt;It's"</c> gives
/// <c>great</c>, <c>br</c>, <c>it's</c>. With Keras's word index, <see cref="ToIds"/> then gives
/// the ids that <c>imdb.load_data</c> gives for the same review.
/// </summary>
public static class KerasTextTokenizer
{
    /// <summary>The characters that separate words, as Keras's default <c>filters</c>.</summary>
    public const string Filters = "!\"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\t\n";

    // Stack space for the lower-cased copy of a text up to this long; longer texts rent an array.
    private const int StackLimit = 1024;

    private static readonly bool[] IsFilter = CreateFilterTable();

    /// <summary>
    /// The words of <paramref name="text"/>, in order. Empty or blank text has none; characters
    /// outside ASCII are neither lower-cased nor treated as separators.
    /// </summary>
    public static IEnumerable<string> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = new List<string>();
        ForEachWord(text, new WordCollector(words));
        return words;
    }

    /// <summary>
    /// The ranks (1 = most frequent) of the words of <paramref name="text"/> that
    /// <paramref name="words"/> holds, in order; words it does not hold are dropped, as Keras
    /// dropped words missing from its index when it built imdb.npz.
    /// </summary>
    public static int[] ToRanks(string text, WordIndex words)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(words);
        var ranks = new RankCollector(words);
        ForEachWord(text, ranks);
        return ranks.ToArray();
    }

    /// <summary>
    /// The model's input ids for one review, as <c>imdb.load_data(num_words=numWords)</c> gives
    /// them: <paramref name="startChar"/>, then each known word's rank plus
    /// <paramref name="indexFrom"/>, with every id not below <paramref name="numWords"/> replaced
    /// by <paramref name="oovChar"/>. Empty text gives just the start mark.
    /// </summary>
    public static int[] ToIds(
        string text,
        WordIndex words,
        int numWords = 10000,
        int startChar = 1,
        int oovChar = 2,
        int indexFrom = 3)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(numWords);
        var ranks = ToRanks(text, words);
        return new KerasIdMapping(numWords, startChar, oovChar, indexFrom).Map(ranks);
    }

    /// <summary>
    /// Hands each word of <paramref name="text"/> to <paramref name="sink"/> as a span that is
    /// valid only during the call. Allocates nothing for texts up to 1,024 characters.
    /// </summary>
    internal static void ForEachWord<TSink>(ReadOnlySpan<char> text, TSink sink)
        where TSink : IWordSink
    {
        char[]? rented = null;
        Span<char> normalized = text.Length <= StackLimit
            ? stackalloc char[StackLimit]
            : (rented = ArrayPool<char>.Shared.Rent(text.Length));
        try
        {
            normalized = normalized[..text.Length];
            Normalize(text, normalized);
            foreach (var range in ((ReadOnlySpan<char>)normalized).Split(' '))
            {
                var word = normalized[range];
                if (!word.IsEmpty)
                {
                    sink.Add(word);
                }
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    // Python 2's str.lower() on bytes changes only A-Z; translate() maps each filter to a space.
    private static void Normalize(ReadOnlySpan<char> text, Span<char> destination)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c < IsFilter.Length)
            {
                if (c is >= 'A' and <= 'Z')
                {
                    c = (char)(c + ('a' - 'A'));
                }
                else if (IsFilter[c])
                {
                    c = ' ';
                }
            }

            destination[i] = c;
        }
    }

    private static bool[] CreateFilterTable()
    {
        var table = new bool[128];
        foreach (var c in Filters)
        {
            table[c] = true;
        }

        return table;
    }

    private readonly struct WordCollector(List<string> words) : IWordSink
    {
        public void Add(ReadOnlySpan<char> word) => words.Add(word.ToString());
    }

    private sealed class RankCollector(WordIndex words) : IWordSink
    {
        private readonly List<int> _ranks = [];

        public void Add(ReadOnlySpan<char> word)
        {
            if (words.TryGetRank(word, out var rank))
            {
                _ranks.Add(rank);
            }
        }

        public int[] ToArray() => [.. _ranks];
    }
}
