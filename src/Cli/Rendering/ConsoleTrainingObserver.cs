using System.Globalization;
using GpuImdb.Trainer;
using GpuImdb.Trainer.Data;
using GpuImdb.Trainer.Training;

namespace GpuImdb.Cli.Rendering;

/// <summary>
/// Renders a run the way Keras's <c>fit(verbose=1)</c> does: a header, the model summary, then per
/// epoch a progress bar (redrawn in place on a terminal) ending in one line of metrics.
/// </summary>
internal sealed class ConsoleTrainingObserver : ITrainingObserver
{
    private const int BarWidth = 30;

    private readonly TextWriter _writer;
    private readonly bool _interactive;
    private int _epochs;
    private int _steps;
    private int _barEpoch;
    private bool _barOpen;

    public ConsoleTrainingObserver(TextWriter writer)
    {
        _writer = writer;

        // Redraw in place only on a terminal: control characters make logs unreadable.
        _interactive = ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected;
    }

    public void Started(TrainingPlan plan)
    {
        _epochs = plan.Options.Epochs;
        _steps = plan.StepsPerEpoch;
        var o = plan.Options;
        _writer.WriteLine($"Device:   {plan.Device}");
        _writer.WriteLine($"          ({plan.DeviceReason})");
        _writer.WriteLine($"Data:     {plan.DataPath} (read in {plan.DataSeconds:F1} s)");
        if (plan.DataFormat != ImdbFormat.Npz)
        {
            _writer.WriteLine(plan.BuiltWordIndexSize is { } size
                ? $"          raw reviews; word index built from the training reviews ({N(size)} words)"
                : $"          raw reviews; words mapped by {plan.WordIndexPath}");
        }

        _writer.WriteLine($"Samples:  {N(plan.TrainSamples)} train, {N(plan.ValidationSamples)} validation, "
            + $"{N(plan.TestSamples)} test; {Count(plan.StepsPerEpoch, "step")} of {o.BatchSize} per epoch");
        _writer.WriteLine($"Recipe:   {Count(o.Epochs, "epoch")}, Adam lr {F(o.LearningRate)}, seed {o.Seed}, "
            + $"max length {plan.Model.SequenceLength}, vocabulary {N(plan.Model.VocabSize)}"
            + (plan.Model.MaskPadding ? ", padding masked" : ""));
        if (o.TracksBestEpoch)
        {
            string stop = o.Patience is int p ? $"after {p} epochs without a lower val_loss" : "never early";
            _writer.WriteLine($"Stopping: {stop}" + (o.RestoreBest ? "; then restore the best epoch's weights" : ""));
        }

        if (o.CheckpointPath is not null)
        {
            _writer.WriteLine($"Saving:   {o.CheckpointPath} after every epoch and on Ctrl+C");
        }

        _writer.WriteLine($"Start-up: {plan.StartupSeconds:F2} s (device, kernel compilation, upload)");
        _writer.WriteLine();
        ModelSummaryRenderer.Write(_writer, plan.Model);
        _writer.WriteLine();
    }

    public void StepLaunched(int epoch, int step, int steps)
    {
        if (!_interactive)
        {
            return;
        }

        if (epoch != _barEpoch)
        {
            _writer.WriteLine($"Epoch {epoch}/{_epochs}");
            _barEpoch = epoch;
        }

        _writer.Write($"\r{Bar(step, steps)}");
        _barOpen = true;
        _writer.Flush();
    }

    public void EpochCompleted(EpochResult result)
    {
        if (_interactive)
        {
            _writer.Write('\r');
        }
        else
        {
            _writer.WriteLine($"Epoch {result.Epoch}/{_epochs}");
        }

        _writer.WriteLine($"{Bar(_steps, _steps)} {EpochLine(result)}");
        _barOpen = false;
    }

    public void Resumed(TrainingCheckpoint checkpoint)
    {
        string where = checkpoint.Unfinished is { } u
            ? $"in epoch {u.Epoch} after step {u.StepsDone} of {checkpoint.StepsPerEpoch}"
            : $"after epoch {checkpoint.CompletedEpochs}";
        _writer.WriteLine($"Resuming {where}; the earlier epochs:");
        foreach (var epoch in checkpoint.History)
        {
            _writer.WriteLine($"Epoch {epoch.Epoch}/{_epochs} {EpochLine(epoch)}");
        }

        _writer.WriteLine();
    }

    public void EarlyStopped(int stoppedEpoch, int bestEpoch, double bestValLoss)
    {
        _writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Early stopping after epoch {stoppedEpoch}: val_loss last improved in epoch {bestEpoch} "
            + $"({bestValLoss:F4})."));
    }

    public void BestWeightsRestored(int bestEpoch)
    {
        _writer.WriteLine($"Restored the weights of epoch {bestEpoch}, the lowest val_loss.");
    }

    /// <summary>Ends a progress bar left open by an interruption.</summary>
    public void Interrupted()
    {
        if (_barOpen)
        {
            _writer.WriteLine();
            _barOpen = false;
        }
    }

    public void Finished(TrainingResult result)
    {
        _writer.WriteLine();
        _writer.WriteLine(TestLine(result.TestLoss, result.TestAccuracy, result.Plan.TestSamples));
        _writer.WriteLine($"Trained {Count(result.History.Count, "epoch")} in {result.TrainSeconds:F1} s "
            + $"({result.TrainSeconds / Math.Max(1, result.History.Count):F2} s per epoch)");
    }

    /// <summary>The metrics of a finished epoch in Keras's format: <c>1.2s 25ms/step - loss: …</c>.</summary>
    /// <remarks>Without validation reviews (NaN validation metrics) the val_ part is left out, as in Keras.</remarks>
    public static string EpochLine(EpochResult r)
    {
        var invariant = CultureInfo.InvariantCulture;
        string line = string.Create(invariant,
            $"{r.Seconds:F1}s {r.MsPerStep:F0}ms/step - loss: {r.Loss:F4} - accuracy: {r.Accuracy:F4}");
        return double.IsNaN(r.ValLoss)
            ? line
            : line + string.Create(invariant, $" - val_loss: {r.ValLoss:F4} - val_accuracy: {r.ValAccuracy:F4}");
    }

    /// <summary>The line with the test figures, as training and <c>gpuimdb evaluate</c> print it.</summary>
    public static string TestLine(double loss, double accuracy, int samples) =>
        string.Create(CultureInfo.InvariantCulture,
            $"Test: loss: {loss:F4} - accuracy: {accuracy:F4} ({N(samples)} reviews)");

    private static string Bar(int step, int steps)
    {
        int filled = steps == 0 ? BarWidth : step * BarWidth / steps;
        string bar = step == steps
            ? new string('=', BarWidth)
            : new string('=', Math.Max(0, filled - 1)) + ">" + new string('.', BarWidth - Math.Max(1, filled));
        string width = steps.ToString(CultureInfo.InvariantCulture);
        return $"{step.ToString(CultureInfo.InvariantCulture).PadLeft(width.Length)}/{width} [{bar}]";
    }

    private static string N(int value) => ModelSummaryRenderer.Thousands(value);

    private static string F(double value) => value.ToString("G", CultureInfo.InvariantCulture);

    private static string Count(int n, string noun) => $"{n} {noun}{(n == 1 ? "" : "s")}";
}
