using System.Text;
using GpuImdb.Trainer.Data;

namespace GpuImdb.Trainer.Prediction;

/// <summary>
/// Raw text to ids the way the Keras IMDB data was made: Keras's <c>text_to_word_sequence</c>
/// (lower-case, each filter character becomes a space, split on spaces, empty pieces dropped), then
/// each word's rank in the word index + 3, words not in the index dropped, the start mark 1 first,
/// and ids at or above the vocabulary size replaced by 2 (<c>load_data(num_words=V)</c>).
/// </summary>
/// <remarks>
/// Only ASCII letters are lower-cased, so the result does not depend on the culture; other
/// characters are kept, and a word with one the index lacks is dropped like any unknown word.
/// </remarks>
public sealed class KerasReviewTokenizer : IReviewTokenizer
{
    /// <summary>Keras's default <c>filters</c>: punctuation, tab and newline.</summary>
    public const string Filters = "!\"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\t\n";

    /// <summary>The id of the start mark.</summary>
    public const int StartId = 1;

    /// <summary>The id of a word outside the vocabulary.</summary>
    public const int OutOfVocabularyId = 2;

    /// <summary>Added to a word's rank to give its id (ids 0 to 3 are reserved).</summary>
    public const int IndexFrom = 3;

    private readonly IReadOnlyDictionary<string, int> _ranks;
    private readonly int _vocabSize;

    /// <summary>A tokenizer for a model with <paramref name="vocabSize"/> embedding rows.</summary>
    public KerasReviewTokenizer(WordIndex wordIndex, int vocabSize)
    {
        ArgumentNullException.ThrowIfNull(wordIndex);
        ArgumentOutOfRangeException.ThrowIfLessThan(vocabSize, OutOfVocabularyId + 1);
        _ranks = wordIndex.Ranks;
        _vocabSize = vocabSize;
    }

    /// <inheritdoc/>
    public int[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ids = new List<int> { StartId };
        var word = new StringBuilder();
        foreach (char c in text)
        {
            if (c == ' ' || Filters.Contains(c, StringComparison.Ordinal))
            {
                Add(word, ids);
            }
            else
            {
                word.Append(c is >= 'A' and <= 'Z' ? (char)(c + ('a' - 'A')) : c);
            }
        }

        Add(word, ids);
        return [.. ids];
    }

    private void Add(StringBuilder word, List<int> ids)
    {
        if (word.Length == 0)
        {
            return;
        }

        if (_ranks.TryGetValue(word.ToString(), out int rank))
        {
            long id = (long)rank + IndexFrom;
            ids.Add(id < _vocabSize ? (int)id : OutOfVocabularyId);
        }

        word.Clear();
    }
}
