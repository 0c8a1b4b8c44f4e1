using GpuImdb.Kernels;
using GpuImdb.Trainer.Data;
using GpuImdb.Trainer.Model;
using ILGPU.Runtime;

namespace GpuImdb.Trainer.Prediction;

/// <summary>
/// Runs a saved model on raw reviews: tokenised by an <see cref="IReviewTokenizer"/>, padded and
/// truncated as in training (the last max-length ids kept, zeros after), and passed forward on the
/// accelerator in batches of the model's batch size.
/// </summary>
public static class SentimentPredictor
{
    /// <summary>One prediction per review, in order.</summary>
    /// <param name="model">The saved model.</param>
    /// <param name="tokenizer">Turns each review into ids below the model's vocabulary size.</param>
    /// <param name="reviews">Raw review texts; any text, empty included, gets a prediction.</param>
    /// <param name="accelerator">Where the kernels run.</param>
    /// <param name="deviceIndex">Which device of that kind; null for the first.</param>
    public static IReadOnlyList<ReviewPrediction> Predict(
        SavedModel model,
        IReviewTokenizer tokenizer,
        IReadOnlyList<string> reviews,
        AcceleratorKind accelerator,
        int? deviceIndex = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(reviews);
        var config = model.Config;
        var encoded = reviews.Select(tokenizer.Encode).ToArray();
        foreach (var ids in encoded)
        {
            if (ids.Any(id => (uint)id >= (uint)config.VocabSize))
            {
                throw new ArgumentException(
                    $"The tokenizer gave an id outside 0..{config.VocabSize - 1}.", nameof(tokenizer));
            }
        }

        var predictions = new List<ReviewPrediction>(reviews.Count);
        if (encoded.Length == 0)
        {
            return predictions;
        }

        int t = config.SequenceLength;
        int b = Math.Min(model.BatchSize, encoded.Length);
        using var device = DeviceSelector.Open(accelerator, deviceIndex);
        var a = device.Accelerator;
        using var sentiment = device.CompileKernels(() => new SentimentModel(a, config, b, model.Parameters));
        using var tokens = a.Allocate1D<int>((long)b * t);
        for (int start = 0; start < encoded.Length; start += b)
        {
            int count = Math.Min(b, encoded.Length - start);
            var batch = Padding.PadSequences(encoded[start..(start + count)], t);
            var view = tokens.View.SubView(0, batch.Length);
            view.CopyFromCPU(batch);
            sentiment.Predict(view, count);
            var probabilities = new float[count];
            sentiment.Probabilities.SubView(0, count).CopyToCPU(probabilities);
            for (int i = 0; i < count; i++)
            {
                int known = encoded[start + i].Count(id => id > KerasReviewTokenizer.IndexFrom);
                predictions.Add(new ReviewPrediction(probabilities[i], known));
            }
        }

        return predictions;
    }
}
