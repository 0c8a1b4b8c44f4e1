using System.Diagnostics;
using GpuImdb.Kernels;
using GpuImdb.Trainer.Data;
using GpuImdb.Trainer.Model;
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
    /// The data (imdb.npz or Stanford's raw reviews); null for the data the model was trained on when it
    /// is still there, else the usual places.
    /// </param>
    /// <param name="accelerator">Where the kernels run.</param>
    /// <param name="deviceIndex">Which device of that kind; null for the first.</param>
    public static EvaluationResult Evaluate(
        SavedModel model, string? dataPath, AcceleratorKind accelerator, int? deviceIndex = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var clock = Stopwatch.StartNew();
        string? recorded = model.Manifest.Data is { } data && (File.Exists(data) || Directory.Exists(data))
            ? data
            : null;
        string path = new DataLocator().Resolve(dataPath ?? recorded);

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
}
