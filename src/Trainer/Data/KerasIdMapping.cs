namespace GpuImdb.Trainer.Data;

/// <summary>
/// Keras's per-review steps of <c>imdb.load_data</c>: the start mark in front, every word rank
/// shifted by <see cref="IndexFrom"/>, and every id not below <see cref="NumWords"/> (start mark
/// included) replaced by <see cref="OovChar"/>. Shared by the .npz and raw-text sources and by
/// <see cref="KerasTextTokenizer"/>, so all three give the same ids.
/// </summary>
internal readonly record struct KerasIdMapping(int NumWords, int StartChar, int OovChar, int IndexFrom)
{
    /// <summary>The ids of one review from its word ranks.</summary>
    public int[] Map(ReadOnlySpan<int> ranks)
    {
        var row = new int[ranks.Length + 1];
        row[0] = Limit(StartChar);
        for (var k = 0; k < ranks.Length; k++)
        {
            row[k + 1] = Limit((long)ranks[k] + IndexFrom);
        }

        return row;
    }

    // Keras keeps w when skip_top <= w < num_words (skip_top is 0 here), else uses oov_char.
    private int Limit(long id)
    {
        return id >= 0 && id < NumWords ? (int)id : OovChar;
    }
}
