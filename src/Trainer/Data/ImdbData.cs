namespace GpuImdb.Trainer.Data;

/// <summary>The IMDB reviews as <c>keras.datasets.imdb.load_data</c> returns them.</summary>
/// <param name="Train">The 25,000 training reviews.</param>
/// <param name="Test">The 25,000 test reviews.</param>
/// <param name="SourcePath">The .npz file they were read from.</param>
public sealed record ImdbData(ImdbSplit Train, ImdbSplit Test, string SourcePath);
