using System.Buffers.Binary;
using GpuImdb.Trainer.Output;

namespace GpuImdb.Trainer.Tests.Output;

public sealed class TrainingPlotsTests : IDisposable
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Fonts_are_installed_so_plots_have_text()
    {
        var font = ScottPlot.Fonts.Default;

        Assert.False(string.IsNullOrEmpty(font), "No fonts found: install fonts-dejavu-core.");
    }

    [Fact]
    public void Loss_plot_is_an_800_by_500_png()
    {
        var path = _dir.File("loss.png");

        TrainingPlots.SaveLoss(path, SampleHistory.TenEpochs());

        AssertPng(path, 800, 500);
    }

    [Fact]
    public void Accuracy_plot_is_an_800_by_500_png()
    {
        var path = _dir.File("accuracy.png");

        TrainingPlots.SaveAccuracy(path, SampleHistory.TenEpochs());

        AssertPng(path, 800, 500);
    }

    [Fact]
    public void Nan_and_infinite_epochs_of_a_diverged_run_are_left_out_of_the_plot()
    {
        var path = _dir.File("loss.png");
        EpochResult[] diverged =
        [
            new(1, double.NaN, 0.5, 0.6, 0.5, 1, 1),
            new(2, 0.4, 0.5, double.PositiveInfinity, 0.5, 1, 1),
            new(3, 0.3, 0.5, 0.5, 0.5, 1, 1),
        ];

        TrainingPlots.SaveLoss(path, diverged);

        AssertPng(path, 800, 500);
    }

    [Fact]
    public void A_history_with_no_epochs_is_rejected_and_writes_nothing()
    {
        var path = _dir.File("loss.png");

        Assert.Throws<ArgumentException>(() => TrainingPlots.SaveLoss(path, []));

        Assert.Empty(Directory.GetFileSystemEntries(_dir.Path));
    }

    // The IHDR chunk comes first: 4-byte length, "IHDR", then big-endian width and height.
    private static void AssertPng(string path, int width, int height)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 24, $"{path} has only {bytes.Length} bytes.");
        Assert.Equal(PngSignature, bytes[..8]);
        Assert.Equal("IHDR"u8.ToArray(), bytes[12..16]);
        Assert.Equal(width, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4)));
        Assert.Equal(height, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20, 4)));
        Assert.Equal([path], Directory.GetFileSystemEntries(Path.GetDirectoryName(path)!));
    }
}
