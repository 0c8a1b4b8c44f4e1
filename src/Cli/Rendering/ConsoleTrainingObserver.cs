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
            + $"{N(plan.TestSamples)} test; {plan.StepsPerEpoch} steps of {o.BatchSize} per epoch");
        _writer.WriteLine($"Recipe:   {o.Epochs} epochs, Adam lr {F(o.LearningRate)}, seed {o.Seed}, "
            + $"max length {plan.Model.SequenceLength}, vocabulary {N(plan.Model.VocabSize)}");
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

        if (step == 1)
        {
            _writer.WriteLine($"Epoch {epoch}/{_epochs}");
        }

        _writer.Write($"\r{Bar(step, steps)}");
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
    }

    public void Finished(TrainingResult result)
    {
        _writer.WriteLine();
        _writer.WriteLine($"Test: loss: {result.TestLoss:F4} - accuracy: {result.TestAccuracy:F4} "
            + $"({N(result.Plan.TestSamples)} reviews)");
        _writer.WriteLine($"Trained {result.History.Count} epochs in {result.TrainSeconds:F1} s "
            + $"({result.TrainSeconds / Math.Max(1, result.History.Count):F2} s per epoch)");
    }

    /// <summary>The metrics of a finished epoch in Keras's format: <c>1.2s 25ms/step - loss: …</c>.</summary>
    public static string EpochLine(EpochResult r) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{r.Seconds:F1}s {r.MsPerStep:F0}ms/step - loss: {r.Loss:F4} - accuracy: {r.Accuracy:F4} - "
            + $"val_loss: {r.ValLoss:F4} - val_accuracy: {r.ValAccuracy:F4}");

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
}
