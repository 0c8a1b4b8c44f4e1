namespace GpuImdb.Trainer.Data;

/// <summary>
/// One split as a source holds it, before Keras's load_data steps: each review's word ranks
/// (1 = most frequent word, no start mark, no offset) and its label, in the source's order.
/// </summary>
/// <param name="Ranks">One array of word ranks per review.</param>
/// <param name="Labels">One label per review: 1 positive, 0 negative.</param>
public sealed record RankedReviews(int[][] Ranks, int[] Labels)
{
    /// <summary>The number of reviews.</summary>
    public int Count => Labels.Length;
}
