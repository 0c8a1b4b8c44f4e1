using System.Diagnostics;
using GpuImdb.Kernels;
using GpuImdb.Trainer.Data;
using GpuImdb.Trainer.Model;
using ILGPU;
using ILGPU.Runtime;

namespace GpuImdb.Trainer.Training;

/// <summary>
/// The device state of one run: both datasets, the model, the epoch's permutation and the metric
/// buffers. <see cref="ImdbTrainer"/> drives it epoch by epoch; the benchmark drives it too.
/// </summary>
public sealed class TrainingSession : IDisposable
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
    private PartialEpoch? _resumeAt;

    /// <summary>Uploads the data and builds the model, from its initial weights or from a checkpoint.</summary>
    /// <param name="accelerator">Where every kernel runs.</param>
    /// <param name="data">Padded reviews.</param>
    /// <param name="options">The run's recipe.</param>
    /// <param name="resume">
    /// A checkpoint of this recipe to continue from: its weights, Adam state, best weights and the
    /// position inside an unfinished epoch. Null starts from Keras's initial weights.
    /// </param>
    public TrainingSession(
        Accelerator accelerator, ImdbTensors data, TrainerOptions options, TrainingCheckpoint? resume = null)
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
        int largestEval = Math.Max(options.ValidationSize, data.TestLabels.Length);

        _train = new DeviceDataset(accelerator, data.TrainTokens, data.TrainLabels, t);
        _test = new DeviceDataset(accelerator, data.TestTokens, data.TestLabels, t);
        _gather = new BatchGather(accelerator);
        _hostOrder = Enumerable.Range(options.ValidationSize, TrainSamples).ToArray();
        _order = accelerator.Allocate1D<int>(TrainSamples);
        _batchTokens = accelerator.Allocate1D<int>((long)b * t);
        _batchLabels = accelerator.Allocate1D<float>(b);
        _trainMetrics = accelerator.Allocate1D<float>(2L * StepsPerEpoch);
        _evalMetrics = accelerator.Allocate1D<float>(2L * BatchEvaluation.Slots(largestEval, b));
        Model = new SentimentModel(accelerator, options.Model, b,
            resume?.Parameters ?? Initializers.Create(options.Model, options.Seed));
        if (resume is not null)
        {
            Model.WriteMoments(resume.FirstMoment, resume.SecondMoment);
            if (resume.BestParameters is not null)
            {
                Model.WriteBest(resume.BestParameters);
            }

            AdamSteps = resume.AdamSteps;
            _resumeAt = resume.Unfinished;
        }
    }

    public SentimentModel Model { get; }

    /// <summary>Kernel launches made so far, by the model and the batch gather.</summary>
    public long Launches => Model.Launches + _gather.Launches;

    /// <summary>Copies between host and device made so far after start-up.</summary>
    public long HostTransfers { get; private set; }

    public int TrainSamples { get; }

    public int StepsPerEpoch { get; }

    /// <summary>Adam steps taken so far, counting those of the checkpoint resumed from.</summary>
    public int AdamSteps { get; private set; }

    /// <summary>The per-step metric slots of the last epoch run to its end, [steps, 2].</summary>
    public float[] LastEpochMetrics { get; private set; } = [];

    /// <summary>Runs a whole epoch: training steps, then validation.</summary>
    public EpochResult Epoch(int epoch, ITrainingObserver observer) =>
        Epoch(epoch, observer, CancellationToken.None, out _)!;

    /// <summary>
    /// Runs epoch <paramref name="epoch"/>'s remaining steps (all of them, or those after the
    /// position of the checkpoint this session resumed from), then validation. When
    /// <paramref name="cancellation"/> is signalled it stops after the current step, before the
    /// epoch's last, and returns null with the position in <paramref name="interrupted"/>.
    /// </summary>
    public EpochResult? Epoch(
        int epoch, ITrainingObserver observer, CancellationToken cancellation, out PartialEpoch? interrupted)
    {
        var clock = Stopwatch.StartNew();
        interrupted = null;
        int firstStep = 0;
        double earlierSeconds = 0;
        Shuffle(epoch);
        if (_resumeAt is { } resume && resume.Epoch == epoch)
        {
            // The slots of the steps already run come back as they were, so the epoch's sums match.
            _trainMetrics.View.CopyFromCPU(resume.MetricSums);
            firstStep = resume.StepsDone;
            earlierSeconds = resume.Seconds;
            _resumeAt = null;
        }
        else
        {
            _trainMetrics.MemSetToZero();
        }

        for (int step = firstStep; step < StepsPerEpoch; step++)
        {
            TrainStep(step);
            observer.StepLaunched(epoch, step + 1, StepsPerEpoch);
            if (cancellation.IsCancellationRequested && step + 1 < StepsPerEpoch)
            {
                var sums = _trainMetrics.GetAsArray1D();
                HostTransfers++;
                interrupted = new PartialEpoch(epoch, step + 1, sums, earlierSeconds + clock.Elapsed.TotalSeconds);
                return null;
            }
        }

        _accelerator.Synchronize();
        double trainSeconds = earlierSeconds + clock.Elapsed.TotalSeconds;
        LastEpochMetrics = _trainMetrics.GetAsArray1D();
        var (loss, accuracy) = Metrics.Mean(LastEpochMetrics, TrainSamples);
        HostTransfers++;
        var (valLoss, valAccuracy) = _options.ValidationSize > 0
            ? Evaluate(_train, 0, _options.ValidationSize)
            : (double.NaN, double.NaN);
        return new EpochResult(epoch, loss, accuracy, valLoss, valAccuracy, earlierSeconds + clock.Elapsed.TotalSeconds,
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

    /// <summary>The seed of epoch <paramref name="epoch"/>'s shuffle, derived from the run's seed.</summary>
    internal static uint ShuffleSeed(uint seed, int epoch) => unchecked((seed * 2_654_435_761u) + (uint)epoch);

    // Keras shuffles the training samples before every epoch; we upload only the new order.
    private void Shuffle(int epoch)
    {
        Array.Sort(_hostOrder);
        new NumpyRandomState(ShuffleSeed(_options.Seed, epoch)).Shuffle(_hostOrder);
        _order.View.CopyFromCPU(_hostOrder);
        HostTransfers++;
    }

    // One step: gather the shuffled batch, forward, loss, backward, Adam.
    private void TrainStep(int step)
    {
        int b = _options.BatchSize;
        int t = _options.Model.SequenceLength;
        int first = step * b;
        int count = Math.Min(b, TrainSamples - first);
        var rows = _order.View.SubView(first, count);
        var tokens = _batchTokens.View.SubView(0, (long)count * t);
        var labels = _batchLabels.View.SubView(0, count);

        // Batch assembly: the shuffled rows' tokens and labels.
        using (Model.Profiler.Measure("gather"))
        {
            _gather.Rows(_train.Tokens, rows, tokens, count, t);
            _gather.Values(_train.Labels, rows, labels, count);
        }

        // Forward, loss, backward, Adam.
        Model.Forward(tokens, count);
        Model.Loss(labels, count, _trainMetrics.View, step);
        Model.Backward(tokens, count);
        AdamSteps++;
        Model.Update(AdamSettings.ForStep(AdamSteps, _options.LearningRate));
    }

    private (double Loss, double Accuracy) Evaluate(DeviceDataset dataset, int first, int samples)
    {
        HostTransfers++;
        return BatchEvaluation.Run(Model, dataset, first, samples, _options.BatchSize, _evalMetrics);
    }
}
