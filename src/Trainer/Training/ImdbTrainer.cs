using System.Diagnostics;
using GpuImdb.Kernels;
using GpuImdb.Trainer.Data;

namespace GpuImdb.Trainer.Training;

/// <summary>
/// Trains the tutorial's model with Keras <c>fit</c> semantics: the first
/// <see cref="TrainerOptions.ValidationSize"/> training reviews are held out, the rest are
/// reshuffled every epoch and visited in batches (the last one partial), validation follows every
/// epoch, and the test reviews are evaluated at the end.
/// </summary>
/// <remarks>
/// Data and parameters stay on the accelerator for the whole run. Per epoch the host uploads one
/// permutation of the training rows and reads back one small block of metrics.
/// </remarks>
public static class ImdbTrainer
{
    /// <summary>Loads the data, opens the device and runs every epoch, then the test.</summary>
    public static TrainingResult Run(
        TrainerOptions options,
        ITrainingObserver observer,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        var clock = Stopwatch.StartNew();
        var data = LoadData(options);
        return Train(data, options, observer, clock.Elapsed.TotalSeconds, cancellation);
    }

    /// <summary>Finds and reads the reviews that <paramref name="options"/> name.</summary>
    public static ImdbTensors LoadData(TrainerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        string path = new DataLocator().Resolve(options.DataPath, options.DataFormat);
        return ImdbTensors.Load(path, options.Model, options.DataFormat, options.WordIndexPath);
    }

    /// <summary>Trains on reviews already in memory (padded to the model's sequence length).</summary>
    public static TrainingResult Train(
        ImdbTensors data,
        TrainerOptions options,
        ITrainingObserver observer,
        double dataSeconds = 0,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(observer);
        options.Validate();
        data.CheckIds(options.Model.VocabSize);

        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        using var device = DeviceSelector.Open(options.Accelerator, options.DeviceIndex);
        using var run = device.CompileKernels(() => new TrainingSession(device.Accelerator, data, options));
        var plan = new TrainingPlan(device.Description, device.SelectionReason, data.SourcePath, options.Model,
            run.TrainSamples, options.ValidationSize, data.TestLabels.Length, run.StepsPerEpoch, options,
            dataSeconds, clock.Elapsed.TotalSeconds, started)
        {
            DataFormat = data.Format,
            WordIndexPath = data.WordIndexPath,
            BuiltWordIndexSize = data.BuiltWordIndex?.Count,
        };
        observer.Started(plan);

        var history = new List<EpochResult>();
        var trainClock = Stopwatch.StartNew();
        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            cancellation.ThrowIfCancellationRequested();
            var result = run.Epoch(epoch, observer);
            history.Add(result);
            observer.EpochCompleted(result);
        }

        double trainSeconds = trainClock.Elapsed.TotalSeconds;
        var (testLoss, testAccuracy) = run.EvaluateTest();
        return new TrainingResult(plan, history, testLoss, testAccuracy, run.Model.ReadParameters(), trainSeconds)
        {
            BuiltWordIndex = data.BuiltWordIndex,
        };
    }
}
