using System.Diagnostics;
using GpuImdb.Kernels;
using GpuImdb.Trainer.Data;
using GpuImdb.Trainer.Output;

namespace GpuImdb.Trainer.Training;

/// <summary>
/// Trains the tutorial's model with Keras <c>fit</c> semantics: the first
/// <see cref="TrainerOptions.ValidationSize"/> training reviews are held out, the rest are
/// reshuffled every epoch and visited in batches (the last one partial), validation follows every
/// epoch, and the test reviews are evaluated at the end.
/// </summary>
/// <remarks>
/// Data and parameters stay on the accelerator for the whole run. Per epoch the host uploads one
/// permutation of the training rows and reads back one small block of metrics, plus the weights and
/// Adam's moments when it writes a checkpoint (<see cref="TrainerOptions.CheckpointPath"/>).
/// Early stopping keeps the best weights in a second device buffer.
/// </remarks>
public static class ImdbTrainer
{
    /// <summary>Loads the data, opens the device and runs every epoch, then the test.</summary>
    /// <param name="options">The recipe; for a resumed run, the checkpoint's recipe.</param>
    /// <param name="observer">Receives progress.</param>
    /// <param name="cancellation">
    /// Stops the run after the current step: a checkpoint is written and
    /// <see cref="TrainingInterruptedException"/> thrown.
    /// </param>
    /// <param name="resume">A checkpoint to continue from, or null for a new run.</param>
    public static TrainingResult Run(
        TrainerOptions options,
        ITrainingObserver observer,
        CancellationToken cancellation = default,
        TrainingCheckpoint? resume = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        var clock = Stopwatch.StartNew();
        var data = LoadData(options);

        // Ctrl+C while the data loads ends the run before any training, with nothing to save.
        cancellation.ThrowIfCancellationRequested();
        return Train(data, options, observer, clock.Elapsed.TotalSeconds, cancellation, resume);
    }

    /// <summary>Finds and reads the reviews that <paramref name="options"/> name.</summary>
    public static ImdbTensors LoadData(TrainerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        string path = new DataLocator().Resolve(options.DataPath, options.DataFormat);
        return ImdbTensors.Load(path, options.Model, options.DataFormat, options.WordIndexPath);
    }

    /// <summary>Trains on reviews already in memory (padded to the model's sequence length).</summary>
    /// <param name="data">The reviews.</param>
    /// <param name="options">The recipe; for a resumed run, the checkpoint's recipe.</param>
    /// <param name="observer">Receives progress.</param>
    /// <param name="dataSeconds">Time spent reading the reviews, for the plan.</param>
    /// <param name="cancellation">Stops the run after the current step (see <see cref="Run"/>).</param>
    /// <param name="resume">A checkpoint to continue from, or null for a new run.</param>
    public static TrainingResult Train(
        ImdbTensors data,
        TrainerOptions options,
        ITrainingObserver observer,
        double dataSeconds = 0,
        CancellationToken cancellation = default,
        TrainingCheckpoint? resume = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(observer);
        options.Validate();
        data.CheckIds(options.Model.VocabSize);

        var started = resume?.StartedUtc ?? DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        using var device = DeviceSelector.Open(options.Accelerator, options.DeviceIndex);
        using var run = device.CompileKernels(() => new TrainingSession(device.Accelerator, data, options, resume));
        if (resume is not null)
        {
            CheckResumable(resume, options, run);
        }

        var plan = new TrainingPlan(device.Description, device.SelectionReason, data.SourcePath, options.Model,
            run.TrainSamples, options.ValidationSize, data.TestLabels.Length, run.StepsPerEpoch, options,
            dataSeconds, clock.Elapsed.TotalSeconds, started)
        {
            DataFormat = data.Format,
            WordIndexPath = data.WordIndexPath,
            BuiltWordIndexSize = data.BuiltWordIndex?.Count,
        };
        observer.Started(plan);
        if (resume is not null)
        {
            observer.Resumed(resume);
        }

        var loop = new Loop(run, options, observer, resume, data.SourcePath, started);
        loop.Epochs(cancellation);

        // Keras restores the best weights when training ends, whether or not it stopped early.
        var stopping = loop.Stopping;
        if (options.RestoreBest && stopping.BestEpoch is int best && best != loop.History.Count)
        {
            run.Model.RestoreBest();
            observer.BestWeightsRestored(best);
        }

        var (testLoss, testAccuracy) = run.EvaluateTest();
        return new TrainingResult(plan, loop.History, testLoss, testAccuracy, run.Model.ReadParameters(),
            loop.TrainSeconds)
        {
            StoppedEpoch = stopping.StoppedEpoch,
            BuiltWordIndex = data.BuiltWordIndex,
            BestEpoch = options.TracksBestEpoch ? stopping.BestEpoch : null,
        };
    }

    private static void CheckResumable(TrainingCheckpoint resume, TrainerOptions options, TrainingSession run)
    {
        if (resume.TrainSamples != run.TrainSamples || resume.StepsPerEpoch != run.StepsPerEpoch)
        {
            throw new UserErrorException(
                $"The checkpoint was made with {resume.TrainSamples} training reviews in {resume.StepsPerEpoch} "
                + $"steps per epoch, but this data gives {run.TrainSamples} in {run.StepsPerEpoch}. Resume with "
                + $"the data it was trained on ({resume.DataPath}).");
        }

        if (resume.Options.Model != options.Model || resume.Options.BatchSize != options.BatchSize
            || resume.Options.Seed != options.Seed || resume.Options.LearningRate != options.LearningRate
            || resume.Options.ValidationSize != options.ValidationSize)
        {
            throw new ArgumentException("The options differ from the checkpoint's recipe.", nameof(options));
        }
    }

    /// <summary>The epochs of one run, with early stopping, checkpoints and the divergence guard.</summary>
    private sealed class Loop(
        TrainingSession run,
        TrainerOptions options,
        ITrainingObserver observer,
        TrainingCheckpoint? resume,
        string dataPath,
        DateTimeOffset started)
    {
        private readonly double _earlierSeconds = resume?.TrainSeconds ?? 0;
        private readonly Stopwatch _clock = new();

        // The host copy of the best weights, kept for checkpoints; refreshed only when they change.
        private float[]? _bestOnHost = resume?.BestParameters;
        private int _checkpointEpochs = resume?.CompletedEpochs ?? 0;

        public List<EpochResult> History { get; } = [.. resume?.History ?? []];

        public EarlyStopping Stopping { get; private set; } = resume?.Stopping ?? new EarlyStopping(options.Patience);

        public double TrainSeconds => _earlierSeconds + _clock.Elapsed.TotalSeconds;

        public void Epochs(CancellationToken cancellation)
        {
            _clock.Start();
            int firstEpoch = History.Count + 1;
            for (int epoch = firstEpoch; epoch <= options.Epochs && !Stopping.ShouldStop; epoch++)
            {
                // Between epochs the previous one's checkpoint is already written. Before the first
                // epoch, a request stops the run after its first step instead.
                if (epoch > firstEpoch && cancellation.IsCancellationRequested)
                {
                    throw new TrainingInterruptedException(epoch - 1, run.StepsPerEpoch, run.StepsPerEpoch,
                        options.CheckpointPath);
                }

                var result = run.Epoch(epoch, observer, cancellation, out var partial);
                if (result is null)
                {
                    Interrupt(partial!);
                }

                CheckFinite(result);
                History.Add(result);
                bool improved = false;
                if (options.TracksBestEpoch)
                {
                    Stopping = Stopping.Observe(epoch, result.ValLoss);
                    improved = Stopping.BestEpoch == epoch;
                }

                if (improved && options.RestoreBest)
                {
                    run.Model.SaveBest();
                    _bestOnHost = null;
                }

                Save(null);
                observer.EpochCompleted(result);
                if (Stopping.StoppedEpoch is int stopped)
                {
                    observer.EarlyStopped(stopped, Stopping.BestEpoch ?? stopped, Stopping.BestValLoss);
                }
            }

            _clock.Stop();
        }

        [System.Diagnostics.CodeAnalysis.DoesNotReturn]
        private void Interrupt(PartialEpoch partial)
        {
            if (Metrics.FirstNonFinite(partial.MetricSums) is { } bad)
            {
                throw Diverged(partial.Epoch, bad.Slot + 1, bad.LossSum);
            }

            Save(partial);
            throw new TrainingInterruptedException(partial.Epoch, partial.StepsDone, run.StepsPerEpoch,
                options.CheckpointPath);
        }

        private void CheckFinite(EpochResult result)
        {
            if (Metrics.FirstNonFinite(run.LastEpochMetrics) is { } bad)
            {
                throw Diverged(result.Epoch, bad.Slot + 1, bad.LossSum);
            }

            if (options.ValidationSize > 0 && !double.IsFinite(result.ValLoss))
            {
                throw Diverged(result.Epoch, null, result.ValLoss);
            }
        }

        private TrainingDivergedException Diverged(int epoch, int? step, double value) =>
            new(epoch, step, value, options.CheckpointPath, _checkpointEpochs, options.LearningRate);

        // Writes the checkpoint (after an epoch, or inside one when interrupted); no-op without a path.
        private void Save(PartialEpoch? unfinished)
        {
            if (options.CheckpointPath is not { } path)
            {
                return;
            }

            var parameters = run.Model.ReadParameters();
            var (first, second) = run.Model.ReadMoments();
            if (options.RestoreBest && Stopping.BestEpoch is not null)
            {
                // Right after an improvement the best weights are the current ones.
                _bestOnHost ??= Stopping.BestEpoch == History.Count && unfinished is null
                    ? parameters
                    : run.Model.ReadBest();
            }

            var checkpoint = new TrainingCheckpoint(options with { CheckpointPath = null }, dataPath,
                run.TrainSamples, run.StepsPerEpoch, [.. History], run.AdamSteps, parameters, first, second,
                Stopping, options.RestoreBest ? _bestOnHost : null, unfinished, started, TrainSeconds);
            CheckpointFile.Write(path, checkpoint);
            _checkpointEpochs = History.Count;
            observer.CheckpointSaved(path, checkpoint);
        }
    }
}
