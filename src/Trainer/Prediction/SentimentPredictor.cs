using GpuImdb.Kernels;
using GpuImdb.Trainer.Data;
using GpuImdb.Trainer.Model;
using ILGPU.Runtime;

namespace GpuImdb.Trainer.Prediction;

/// <summary>
/// Runs a saved model on raw reviews: turned into ids by <see cref="KerasTextTokenizer"/> as the
/// raw training data is, padded and truncated as in training (the last max-length ids kept, zeros
/// after), and passed forward on the accelerator in batches of the model's batch size.
/// </summary>
public static class SentimentPredictor
{
    // Keras's load_data ids: 2 marks a word outside the vocabulary, ranks are shifted by 3.
    private const int OutOfVocabularyId = 2;
    private const int IndexFrom = 3;

    /// <summary>One prediction per review, in order.</summary>
    /// <param name="model">The saved model.</param>
    /// <param name="words">The word index the model's ids come from.</param>
    /// <param name="reviews">Raw review texts; any text, empty included, gets a prediction.</param>
    /// <param name="accelerator">Where the kernels run.</param>
    /// <param name="deviceIndex">Which device of that kind; null for the first.</param>
    public static IReadOnlyList<ReviewPrediction> Predict(
        SavedModel model,
        WordIndex words,
        IReadOnlyList<string> reviews,
        AcceleratorKind accelerator,
        int? deviceIndex = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(words);
        ArgumentNullException.ThrowIfNull(reviews);
        var config = model.Config;
        if (config.VocabSize <= OutOfVocabularyId)
        {
            throw new UserErrorException(
                $"The model's vocabulary of {config.VocabSize} has no room for the unknown-word id "
                + $"{OutOfVocabularyId}; it cannot read raw text. Train one with --vocab-size 4 or more.");
        }

        var encoded = reviews.Select(text => KerasTextTokenizer.ToIds(text, words, config.VocabSize)).ToArray();

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
                int known = encoded[start + i].Count(id => id > IndexFrom);
                predictions.Add(new ReviewPrediction(probabilities[i], known));
            }
        }

        return predictions;
    }
}
