namespace GpuImdb.Trainer.Data;

/// <summary>Counts and review lengths of one split (or of both together).</summary>
/// <param name="Name">"train", "test" or "all".</param>
/// <param name="Reviews">The number of reviews.</param>
/// <param name="Positive">Reviews labelled 1.</param>
/// <param name="Negative">Reviews labelled 0.</param>
/// <param name="MeanLength">Mean ids per review, the start mark included.</param>
/// <param name="MedianLength">Median ids per review (numpy's median: the mean of the middle two).</param>
/// <param name="MaxLength">The longest review's ids.</param>
/// <param name="LongerThanCut">Reviews longer than the cut, which lose their first ids to it.</param>
/// <param name="TokensCut">Ids lost to the cut, over all reviews.</param>
/// <param name="Tokens">Ids over all reviews.</param>
/// <param name="WordsSeen">Distinct words (ids above the reserved ones) in the split.</param>
public sealed record SplitStatistics(
    string Name,
    int Reviews,
    int Positive,
    int Negative,
    double MeanLength,
    double MedianLength,
    int MaxLength,
    int LongerThanCut,
    long TokensCut,
    long Tokens,
    int WordsSeen)
{
    /// <summary>The share of reviews the cut shortens, 0 to 1.</summary>
    public double ShareOfReviewsCut => Reviews == 0 ? 0 : (double)LongerThanCut / Reviews;

    /// <summary>The share of ids the cut drops, 0 to 1.</summary>
    public double ShareOfTokensCut => Tokens == 0 ? 0 : (double)TokensCut / Tokens;
}
