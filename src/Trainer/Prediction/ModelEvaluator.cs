using System.Diagnostics;
using GpuImdb.Kernels;
using GpuImdb.Trainer.Data;
using GpuImdb.Trainer.Model;
using GpuImdb.Trainer.Output;
using GpuImdb.Trainer.Training;

namespace GpuImdb.Trainer.Prediction;

/// <summary>
/// Evaluates a saved model on the test reviews exactly as training's final test does: the same
/// batch size, the same order and the same kernels, so the same weights give the same figures.
/// </summary>
public static class ModelEvaluator
{
    /// <summary>Loads the data and evaluates every test review.</summary>
    /// <param name="model">The saved model.</param>
    /// <param name="dataPath">
    /// The data (imdb.npz or Stanford's raw reviews); null for the data the model was trained on (see
    /// <see cref="DataFor"/>).
    /// </param>
    /// <param name="accelerator">Where the kernels run.</param>
    /// <param name="deviceIndex">Which device of that kind; null for the first.</param>
    public static EvaluationResult Evaluate(
        SavedModel model, string? dataPath, AcceleratorKind accelerator, int? deviceIndex = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var clock = Stopwatch.StartNew();
        string path = DataFor(model, dataPath);
        CheckIdsFit(model, path);

        // Raw reviews become ids through the model's own word index, as they did in training.
        var tensors = ImdbTensors.Load(path, model.Config, DataFormat.Auto, model.WordIndexPath);
        tensors.CheckIds(model.Config.VocabSize);
        double dataSeconds = clock.Elapsed.TotalSeconds;

        using var device = DeviceSelector.Open(accelerator, deviceIndex);
        var a = device.Accelerator;
        int samples = tensors.TestLabels.Length;
        using var sentiment = device.CompileKernels(() =>
            new SentimentModel(a, model.Config, model.BatchSize, model.Parameters));
        using var test = new DeviceDataset(a, tensors.TestTokens, tensors.TestLabels, model.Config.SequenceLength);
        using var metrics = a.Allocate1D<float>(2L * BatchEvaluation.Slots(samples, model.BatchSize));
        var (loss, accuracy) = BatchEvaluation.Run(sentiment, test, 0, samples, model.BatchSize, metrics);
        return new EvaluationResult(device.Description, device.SelectionReason, path, dataSeconds, loss, accuracy,
            samples);
    }

    /// <summary>
    /// The data to evaluate on: <paramref name="dataPath"/> when given (found as --data is), else the
    /// data file recorded in model.json, else (for a model.json without one) the usual places.
    /// Throws <see cref="UserErrorException"/> when the recorded data no longer exists, naming it.
    /// </summary>
    public static string DataFor(SavedModel model, string? dataPath, DataLocator? locator = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        locator ??= new DataLocator();
        if (dataPath is not null || model.Manifest.Data is not { } recorded)
        {
            return locator.Resolve(dataPath);
        }

        if (!File.Exists(recorded) && !Directory.Exists(recorded))
        {
            string same = HasOwnWordIndex(model)
                ? "Stanford's raw reviews, as the model's ids come from the word index it built from them"
                : "Keras's imdb.npz or Stanford's raw reviews";
            throw new UserErrorException(
                $"The model in {model.Directory} was trained on {recorded}, which no longer exists. Pass --data "
                + $"PATH with the same data ({same}).");
        }

        return Path.GetFullPath(recorded);
    }

    /// <summary>
    /// Refuses data whose ids would not be the model's, which would give wrong figures without any
    /// error: imdb.npz (Keras's ids) for a model trained on raw reviews with a word index built from
    /// them, and raw reviews for a model without a word index when none is beside them either
    /// (their ids would come from an index built from the reviews, not the model's).
    /// </summary>
    public static void CheckIdsFit(SavedModel model, string dataPath)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(dataPath);
        var format = ImdbLoader.Detect(dataPath);
        if (format == ImdbFormat.Npz && HasOwnWordIndex(model))
        {
            throw new UserErrorException(
                $"The model in {model.Directory} was trained on raw reviews with the word index it built from them "
                + $"({RunOutput.WordIndexFileName}), so its ids are not Keras's, but {dataPath} is Keras's "
                + "imdb.npz; its figures would be wrong. Evaluate on the raw reviews instead: pass --data with "
                + $"Stanford's {DataLocator.RawFileName} or its aclImdb folder.");
        }

        if (format != ImdbFormat.Npz && model.WordIndexPath is null && ImdbLoader.FindWordIndex(dataPath) is null)
        {
            throw new UserErrorException(
                $"The model in {model.Directory} has no word index, so it cannot tell which ids the raw reviews in "
                + $"{dataPath} have: an index built from them would not be the one the model was trained with. "
                + $"Put Keras's {ImdbLoader.WordIndexFileName} beside them, or pass --data with Keras's imdb.npz.");
        }
    }

    // A model trained on raw reviews without Keras's word index keeps the index it built.
    private static bool HasOwnWordIndex(SavedModel model) =>
        string.Equals(model.Manifest.WordIndex, RunOutput.WordIndexFileName, StringComparison.Ordinal);
}
