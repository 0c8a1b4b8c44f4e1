namespace GpuImdb.Trainer.Data;

/// <summary>How well a word index covers a review's ids (<see cref="WordIndex.Coverage"/>).</summary>
/// <param name="WordIds">Ids that stand for words: every id but the reserved 0 to 3.</param>
/// <param name="UnknownIds">Of those, the ids the index has no word for (decoded as "?").</param>
public readonly record struct IdCoverage(int WordIds, int UnknownIds)
{
    /// <summary>True when more than half the word ids are unknown: the index does not fit the ids.</summary>
    public bool MostlyUnknown => UnknownIds * 2L > WordIds;

    /// <summary>
    /// A one-line warning (without a "warning: " prefix) when <see cref="MostlyUnknown"/>, naming
    /// <paramref name="wordIndex"/> (the index file, or a description of the index); else null.
    /// </summary>
    public string? Warning(string wordIndex)
    {
        ArgumentNullException.ThrowIfNull(wordIndex);
        return MostlyUnknown
            ? $"{UnknownIds} of the review's {WordIds} word ids have no word in {wordIndex} (shown as ?); that word "
                + "index does not fit these ids. Pass --word-index with the one the data was made with."
            : null;
    }
}
