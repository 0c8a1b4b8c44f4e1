namespace GpuImdb.Trainer.Prediction;

/// <summary>Turns one raw review into the token ids a model was trained on.</summary>
public interface IReviewTokenizer
{
    /// <summary>
    /// The ids of <paramref name="text"/>, before padding: the start mark first, then one id per
    /// word kept. Every id is below the vocabulary size the tokenizer was made for.
    /// </summary>
    int[] Encode(string text);
}
