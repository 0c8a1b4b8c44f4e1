namespace GpuImdb.Trainer.Data;

/// <summary>Both splits as word ranks in the source's order, before load_data's steps.</summary>
/// <param name="Train">The training reviews: positives, then negatives.</param>
/// <param name="Test">The test reviews: positives, then negatives.</param>
/// <param name="BuiltWordIndex">The index the ranks come from when it was built from the reviews.</param>
public sealed record RankedImdb(RankedReviews Train, RankedReviews Test, WordIndex? BuiltWordIndex);
