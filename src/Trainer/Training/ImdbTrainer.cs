using System.Diagnostics;
using GpuImdb.Kernels;
using GpuImdb.Trainer.Data;
using GpuImdb.Trainer.Model;
using ILGPU;
using ILGPU.Runtime;

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
        string path = new DataLocator().Resolve(options.DataPath, options.DataFormat);
        var data = ImdbTensors.Load(path, options.Model, options.DataFormat, options.WordIndexPath);
        return Train(data, options, observer, clock.Elapsed.TotalSeconds, cancellation);
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
        using var run = new RunState(device.Accelerator, data, options);
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

    /// <summary>The seed of epoch <paramref name="epoch"/>'s shuffle, derived from the run's seed.</summary>
    internal static uint ShuffleSeed(uint seed, int epoch) => unchecked((seed * 2_654_435_761u) + (uint)epoch);

    /// <summary>The device state of one run: datasets, model, permutation and metric buffers.</summary>
    private sealed class RunState : IDisposable
    {
        private readonly Accelerator _accelerator;
        private readonly TrainerOptions _options;
        private readonly DeviceDataset _train;
        private readonly DeviceDataset _test;
        private readonly BatchGather _gather;
        private readonly MemoryBuffer1D<int, Stride1D.Dense> _order;        // [trainSamples]
        private readonly MemoryBuffer1D<int, Stride1D.Dense> _batchTokens;  // [B, T]
        private readonly MemoryBuffer1D<float, Stride1D.Dense> _batchLabels; // [B]
        private readonly MemoryBuffer1D<float, Stride1D.Dense> _trainMetrics; // [steps, 2]
        private readonly MemoryBuffer1D<float, Stride1D.Dense> _evalMetrics;  // [evalSteps, 2]
        private readonly int[] _hostOrder;
        private int _step;

        public RunState(Accelerator accelerator, ImdbTensors data, TrainerOptions options)
        {
            int total = data.TrainLabels.Length;
            if (options.ValidationSize >= total)
            {
                throw new UserErrorException(
                    $"--validation-size {options.ValidationSize} leaves no training reviews: the file has "
                    + $"{total}. Use a value below {total}.");
            }

            _accelerator = accelerator;
            _options = options;
            int t = options.Model.SequenceLength;
            int b = options.BatchSize;
            TrainSamples = total - options.ValidationSize;
            StepsPerEpoch = (TrainSamples + b - 1) / b;
            int largestEval = Math.Max(Math.Max(options.ValidationSize, data.TestLabels.Length), 1);

            _train = new DeviceDataset(accelerator, data.TrainTokens, data.TrainLabels, t);
            _test = new DeviceDataset(accelerator, data.TestTokens, data.TestLabels, t);
            _gather = new BatchGather(accelerator);
            _hostOrder = Enumerable.Range(options.ValidationSize, TrainSamples).ToArray();
            _order = accelerator.Allocate1D<int>(TrainSamples);
            _batchTokens = accelerator.Allocate1D<int>((long)b * t);
            _batchLabels = accelerator.Allocate1D<float>(b);
            _trainMetrics = accelerator.Allocate1D<float>(2L * StepsPerEpoch);
            _evalMetrics = accelerator.Allocate1D<float>(2L * ((largestEval + b - 1) / b));
            Model = new SentimentModel(accelerator, options.Model, b, Initializers.Create(options.Model, options.Seed));
        }

        public SentimentModel Model { get; }

        public int TrainSamples { get; }

        public int StepsPerEpoch { get; }

        public EpochResult Epoch(int epoch, ITrainingObserver observer)
        {
            var clock = Stopwatch.StartNew();
            Shuffle(epoch);
            _trainMetrics.MemSetToZero();
            int b = _options.BatchSize;
            int t = _options.Model.SequenceLength;

            for (int step = 0; step < StepsPerEpoch; step++)
            {
                int first = step * b;
                int count = Math.Min(b, TrainSamples - first);
                var rows = _order.View.SubView(first, count);
                var tokens = _batchTokens.View.SubView(0, (long)count * t);
                var labels = _batchLabels.View.SubView(0, count);

                // Batch assembly: the shuffled rows' tokens and labels.
                _gather.Rows(_train.Tokens, rows, tokens, count, t);
                _gather.Values(_train.Labels, rows, labels, count);

                // Forward, loss, backward, Adam.
                Model.Forward(tokens, count);
                Model.Loss(labels, count, _trainMetrics.View, step);
                Model.Backward(tokens, count);
                _step++;
                Model.Update(AdamSettings.ForStep(_step, _options.LearningRate));
                observer.StepLaunched(epoch, step + 1, StepsPerEpoch);
            }

            _accelerator.Synchronize();
            double trainSeconds = clock.Elapsed.TotalSeconds;
            var (loss, accuracy) = Metrics.Mean(_trainMetrics.GetAsArray1D(), TrainSamples);
            var (valLoss, valAccuracy) = _options.ValidationSize > 0
                ? Evaluate(_train, 0, _options.ValidationSize)
                : (double.NaN, double.NaN);
            return new EpochResult(epoch, loss, accuracy, valLoss, valAccuracy, clock.Elapsed.TotalSeconds,
                trainSeconds * 1000 / StepsPerEpoch);
        }

        public (double Loss, double Accuracy) EvaluateTest() => Evaluate(_test, 0, _test.Count);

        public void Dispose()
        {
            Model.Dispose();
            _train.Dispose();
            _test.Dispose();
            _order.Dispose();
            _batchTokens.Dispose();
            _batchLabels.Dispose();
            _trainMetrics.Dispose();
            _evalMetrics.Dispose();
        }

        // Keras shuffles the training samples before every epoch; we upload only the new order.
        private void Shuffle(int epoch)
        {
            Array.Sort(_hostOrder);
            new NumpyRandomState(ShuffleSeed(_options.Seed, epoch)).Shuffle(_hostOrder);
            _order.View.CopyFromCPU(_hostOrder);
        }

        private (double Loss, double Accuracy) Evaluate(DeviceDataset dataset, int first, int samples)
        {
            _evalMetrics.MemSetToZero();
            int b = _options.BatchSize;
            for (int start = 0, slot = 0; start < samples; start += b, slot++)
            {
                int count = Math.Min(b, samples - start);
                var tokens = dataset.TokenRows(first + start, count);
                Model.Forward(tokens, count);
                Model.Loss(dataset.LabelRows(first + start, count), count, _evalMetrics.View, slot);
            }

            return Metrics.Mean(_evalMetrics.GetAsArray1D(), samples);
        }
    }
}
