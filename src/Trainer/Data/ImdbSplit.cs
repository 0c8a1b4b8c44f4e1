namespace GpuImdb.Trainer.Data;

/// <summary>One split of the IMDB reviews, in Keras's shuffled order.</summary>
/// <param name="Sequences">One array of word ids per review, starting with the start mark.</param>
/// <param name="Labels">One label per review: 1 positive, 0 negative.</param>
public sealed record ImdbSplit(int[][] Sequences, int[] Labels)
{
    /// <summary>The number of reviews.</summary>
    public int Count => Labels.Length;
}
