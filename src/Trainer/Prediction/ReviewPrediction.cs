namespace GpuImdb.Trainer.Prediction;

/// <summary>The model's verdict on one review.</summary>
/// <param name="Probability">The predicted probability that the review is positive.</param>
/// <param name="KnownWords">Words of the review the model has an embedding of (in the vocabulary).</param>
public sealed record ReviewPrediction(float Probability, int KnownWords)
{
    /// <summary>Positive above 0.5, the threshold of the accuracy metric.</summary>
    public bool IsPositive => Probability > 0.5f;

    /// <summary>"positive" or "negative".</summary>
    public string Label => IsPositive ? "positive" : "negative";
}
