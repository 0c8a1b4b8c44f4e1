namespace GpuImdb.Trainer.Data;

/// <summary>
/// What <c>gpuimdb data info</c> reports: per split, the reviews and labels, the review lengths
/// and what a cut at <see cref="MaxLength"/> tokens removes; and the vocabulary seen against the
/// <see cref="VocabSize"/> most frequent words the model keeps.
/// </summary>
/// <param name="Train">The training reviews.</param>
/// <param name="Test">The test reviews.</param>
/// <param name="All">Both splits together.</param>
/// <param name="MaxLength">The cut (pad_sequences's maxlen).</param>
/// <param name="VocabSize">Ids kept by num_words; rarer words become the out-of-vocabulary id.</param>
/// <param name="WordsKept">Distinct words seen whose ids are below <see cref="VocabSize"/>.</param>
/// <param name="WordTokens">Word ids over all reviews (start marks not counted).</param>
/// <param name="OutOfVocabularyTokens">Word ids at or above <see cref="VocabSize"/>.</param>
public sealed record ImdbStatistics(
    SplitStatistics Train,
    SplitStatistics Test,
    SplitStatistics All,
    int MaxLength,
    int VocabSize,
    int WordsKept,
    long WordTokens,
    long OutOfVocabularyTokens)
{
    /// <summary>The share of word ids that the vocabulary cut turns into the out-of-vocabulary id.</summary>
    public double ShareOutOfVocabulary => WordTokens == 0 ? 0 : (double)OutOfVocabularyTokens / WordTokens;

    /// <summary>
    /// Computes the statistics of <paramref name="data"/>, which must be loaded with every id kept
    /// (<c>numWords: int.MaxValue</c>) so that the words seen can be counted; ids above
    /// <paramref name="indexFrom"/> are words.
    /// </summary>
    public static ImdbStatistics Compute(ImdbData data, int maxLength, int vocabSize, int indexFrom = 3)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxLength);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(vocabSize);

        var maxId = 0;
        foreach (var review in data.Train.Sequences.Concat(data.Test.Sequences))
        {
            foreach (var id in review)
            {
                maxId = Math.Max(maxId, id);
            }
        }

        var seenAll = new bool[maxId + 1];
        var train = Split("train", [data.Train], maxLength, indexFrom, seenAll);
        var test = Split("test", [data.Test], maxLength, indexFrom, seenAll);
        var all = Split("all", [data.Train, data.Test], maxLength, indexFrom, new bool[maxId + 1]);

        var wordsKept = 0;
        for (var id = indexFrom + 1; id < Math.Min(vocabSize, seenAll.Length); id++)
        {
            wordsKept += seenAll[id] ? 1 : 0;
        }

        long words = 0;
        long oov = 0;
        foreach (var review in data.Train.Sequences.Concat(data.Test.Sequences))
        {
            foreach (var id in review.AsSpan(Math.Min(1, review.Length)))
            {
                words++;
                oov += id >= vocabSize ? 1 : 0;
            }
        }

        return new ImdbStatistics(train, test, all, maxLength, vocabSize, wordsKept, words, oov);
    }

    private static SplitStatistics Split(
        string name, ImdbSplit[] splits, int maxLength, int indexFrom, bool[] seenAll)
    {
        var seen = new bool[seenAll.Length];
        var lengths = new List<int>();
        int positive = 0, longer = 0;
        long tokens = 0, cut = 0;
        foreach (var split in splits)
        {
            positive += split.Labels.Count(l => l == 1);
            foreach (var review in split.Sequences)
            {
                lengths.Add(review.Length);
                tokens += review.Length;
                if (review.Length > maxLength)
                {
                    longer++;
                    cut += review.Length - maxLength;
                }

                foreach (var id in review)
                {
                    seen[id] = true;
                    seenAll[id] = true;
                }
            }
        }

        lengths.Sort();
        var count = lengths.Count;
        var median = count == 0 ? 0 : (lengths[(count - 1) / 2] + lengths[count / 2]) / 2.0;
        var wordsSeen = seen.Skip(indexFrom + 1).Count(s => s);
        return new SplitStatistics(
            name,
            count,
            positive,
            count - positive,
            count == 0 ? 0 : (double)tokens / count,
            median,
            count == 0 ? 0 : lengths[^1],
            longer,
            cut,
            tokens,
            wordsSeen);
    }
}
