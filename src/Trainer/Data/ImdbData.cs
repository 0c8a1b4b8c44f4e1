namespace GpuImdb.Trainer.Data;

/// <summary>The IMDB reviews as <c>keras.datasets.imdb.load_data</c> returns them.</summary>
/// <param name="Train">The 25,000 training reviews.</param>
/// <param name="Test">The 25,000 test reviews.</param>
/// <param name="SourcePath">The file or folder they were read from.</param>
public sealed record ImdbData(ImdbSplit Train, ImdbSplit Test, string SourcePath)
{
    /// <summary>The kind of source they were read from.</summary>
    public ImdbFormat Format { get; init; } = ImdbFormat.Npz;

    /// <summary>For raw reviews: the word index file that mapped words to ranks, if one did.</summary>
    public string? WordIndexPath { get; init; }

    /// <summary>
    /// For raw reviews read without a word index file: the index built from the training reviews'
    /// word counts. Ids mean nothing without it, so save it with anything trained on them.
    /// </summary>
    public WordIndex? BuiltWordIndex { get; init; }
}
