using ScottPlot;
using ScottPlot.TickGenerators;

namespace GpuImdb.Trainer.Output;

/// <summary>
/// Draws the Keras tutorial's two figures: training values as dots and validation values as a
/// line, per epoch. Images are 800 × 500 PNG with DejaVu Sans text.
/// </summary>
public static class TrainingPlots
{
    private const int Width = 800;
    private const int Height = 500;
    private const string FontName = "DejaVu Sans";

    /// <summary>Saves "Training and validation loss" as a PNG.</summary>
    /// <exception cref="InvalidOperationException">No fonts are installed.</exception>
    public static void SaveLoss(string path, IReadOnlyList<EpochResult> history) =>
        Save(path, history, "loss", "Loss", e => e.Loss, e => e.ValLoss);

    /// <summary>Saves "Training and validation accuracy" as a PNG.</summary>
    /// <exception cref="InvalidOperationException">No fonts are installed.</exception>
    public static void SaveAccuracy(string path, IReadOnlyList<EpochResult> history) =>
        Save(path, history, "accuracy", "Accuracy", e => e.Accuracy, e => e.ValAccuracy);

    private static void Save(
        string path,
        IReadOnlyList<EpochResult> history,
        string metric,
        string axisLabel,
        Func<EpochResult, double> training,
        Func<EpochResult, double> validation)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (history.Count == 0)
        {
            throw new ArgumentException(
                $"Cannot plot the {metric} of a history with no epochs.", nameof(history));
        }

        // NOTE: with no fonts ScottPlot still writes the PNG, silently without any text.
        if (string.IsNullOrEmpty(Fonts.Default))
        {
            throw new InvalidOperationException(
                $"Cannot draw '{path}': no fonts are installed, so the plot would have no text. "
                + "Install DejaVu fonts (Debian/Ubuntu: apt-get install fonts-dejavu-core).");
        }

        using var plot = new Plot();
        plot.Font.Set(FontName);

        var (epochs, values) = FinitePoints(history, training);
        var points = plot.Add.Scatter(epochs, values);
        points.LegendText = $"Training {metric}";
        points.LineWidth = 0;
        points.MarkerShape = MarkerShape.FilledCircle;
        points.MarkerSize = 8;
        points.Color = Colors.Blue;

        (epochs, values) = FinitePoints(history, validation);
        var line = plot.Add.ScatterLine(epochs, values);
        line.LegendText = $"Validation {metric}";
        line.LineWidth = 2;
        line.Color = Colors.Blue;

        plot.Title($"Training and validation {metric}");
        plot.XLabel("Epochs");
        plot.YLabel(axisLabel);
        plot.Axes.Bottom.TickGenerator = new NumericAutomatic { IntegerTicksOnly = true };
        plot.ShowLegend(Edge.Bottom);

        var png = plot.GetImageBytes(Width, Height, ImageFormat.Png);
        AtomicFile.Write(path, stream => stream.Write(png));
    }

    // A diverged epoch (NaN or infinite loss) is left out: ScottPlot would otherwise drop the
    // whole line or stretch the axis to nothing.
    private static (double[] Epochs, double[] Values) FinitePoints(
        IReadOnlyList<EpochResult> history, Func<EpochResult, double> metric)
    {
        var finite = history.Where(e => double.IsFinite(metric(e))).ToArray();
        return ([.. finite.Select(e => (double)e.Epoch)], [.. finite.Select(metric)]);
    }
}
