using System.Diagnostics;
using GpuImdb.Kernels;

namespace GpuImdb.Trainer.Training;

/// <summary>
/// Times real training on the real data: start-up, each epoch's training and validation, then
/// one extra profiled epoch that attributes time to the phases of a step.
/// </summary>
public static class Benchmark
{
    /// <summary>Runs <see cref="TrainerOptions.Epochs"/> timed epochs and one profiled epoch.</summary>
    /// <param name="options">The recipe and the device.</param>
    /// <param name="observer">Receives each timed epoch.</param>
    /// <param name="cancellation">
    /// Stops the benchmark between epochs with an <see cref="OperationCanceledException"/>.
    /// </param>
    public static BenchmarkReport Run(
        TrainerOptions options,
        ITrainingObserver observer,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(observer);
        options.Validate();

        var clock = Stopwatch.StartNew();
        var data = ImdbTrainer.LoadData(options);
        double dataSeconds = clock.Elapsed.TotalSeconds;

        clock.Restart();
        using var device = DeviceSelector.Open(options.Accelerator, options.DeviceIndex);
        double deviceSeconds = clock.Elapsed.TotalSeconds;
        clock.Restart();
        using var session = device.CompileKernels(() => new TrainingSession(device.Accelerator, data, options));
        device.Accelerator.Synchronize();
        double sessionSeconds = clock.Elapsed.TotalSeconds;

        var epochs = new List<EpochTiming>();
        long launchesBefore = 0;
        long transfersBefore = 0;
        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            cancellation.ThrowIfCancellationRequested();
            launchesBefore = session.Launches;
            transfersBefore = session.HostTransfers;
            var result = session.Epoch(epoch, ITrainingObserver.None);
            double train = result.MsPerStep * session.StepsPerEpoch / 1000;
            epochs.Add(new EpochTiming(epoch, train, result.Seconds - train, result.ValAccuracy));
            observer.EpochCompleted(result);
        }

        long launchesPerEpoch = session.Launches - launchesBefore;
        long transfersPerEpoch = session.HostTransfers - transfersBefore;

        session.Model.Profiler.Enabled = true;
        session.Epoch(options.Epochs + 1, ITrainingObserver.None);
        session.Model.Profiler.Enabled = false;
        var phases = session.Model.Profiler.Seconds
            .Select(p => new PhaseTiming(p.Key, p.Value))
            .ToList();

        var steady = epochs.Count > 1 ? epochs.Skip(1).ToList() : epochs;
        return new BenchmarkReport(
            device.Description,
            data.SourcePath,
            dataSeconds,
            deviceSeconds,
            sessionSeconds,
            epochs,
            Median(steady.Select(e => e.TrainSeconds + e.ValidationSeconds)),
            Median(steady.Select(e => e.TrainSeconds)),
            Median(steady.Select(e => e.ValidationSeconds)),
            Median(steady.Select(e => e.TrainSeconds)) * 1000 / session.StepsPerEpoch,
            session.StepsPerEpoch,
            (double)launchesPerEpoch / session.StepsPerEpoch,
            transfersPerEpoch,
            phases,
            Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0));
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        int n = sorted.Length;
        return n == 0 ? double.NaN : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}

/// <summary>One timed epoch.</summary>
public sealed record EpochTiming(int Epoch, double TrainSeconds, double ValidationSeconds, double ValAccuracy);

/// <summary>Seconds spent in one phase over a whole profiled epoch (training and validation).</summary>
public sealed record PhaseTiming(string Phase, double Seconds);

/// <summary>What <c>gpuimdb bench</c> reports.</summary>
/// <param name="Accelerator">The device, in words.</param>
/// <param name="DataPath">The data file.</param>
/// <param name="DataSeconds">Reading and preparing the data.</param>
/// <param name="DeviceSeconds">Creating the ILGPU context and accelerator.</param>
/// <param name="SessionSeconds">Compiling the kernels, allocating and uploading the data.</param>
/// <param name="Epochs">Every timed epoch.</param>
/// <param name="MedianEpochSeconds">Median of training + validation, epochs after the first.</param>
/// <param name="MedianTrainSeconds">Median training time per epoch, after the first.</param>
/// <param name="MedianValidationSeconds">Median validation time per epoch, after the first.</param>
/// <param name="MsPerStep">Median training milliseconds per step.</param>
/// <param name="StepsPerEpoch">Training steps per epoch.</param>
/// <param name="LaunchesPerStep">Kernel launches per training step (validation launches included).</param>
/// <param name="TransfersPerEpoch">Host-device copies per epoch.</param>
/// <param name="Phases">Per-phase seconds of one profiled epoch (it synchronises after each phase).</param>
/// <param name="PeakMemoryMb">Peak resident memory of the process in MiB.</param>
public sealed record BenchmarkReport(
    string Accelerator,
    string DataPath,
    double DataSeconds,
    double DeviceSeconds,
    double SessionSeconds,
    IReadOnlyList<EpochTiming> Epochs,
    double MedianEpochSeconds,
    double MedianTrainSeconds,
    double MedianValidationSeconds,
    double MsPerStep,
    int StepsPerEpoch,
    double LaunchesPerStep,
    long TransfersPerEpoch,
    IReadOnlyList<PhaseTiming> Phases,
    double PeakMemoryMb);
