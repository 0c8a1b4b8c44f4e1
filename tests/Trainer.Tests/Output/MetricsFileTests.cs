using System.Text.Json;
using GpuImdb.Trainer.Output;

namespace GpuImdb.Trainer.Tests.Output;

public sealed class MetricsFileTests : IDisposable
{
    private static readonly RunMetrics Metrics = new(
        TestLoss: 0.3105,
        TestAccuracy: 0.87324,
        Epochs: 2,
        SecondsPerEpoch: [4.25, 3.5],
        TotalTrainSeconds: 7.75,
        Accelerator: "CPU accelerator (ILGPU), 2 threads",
        Seed: 42,
        StartedUtc: new DateTimeOffset(2025, 1, 2, 5, 4, 5, TimeSpan.FromHours(2)));

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Metrics_json_has_every_field_in_snake_case()
    {
        var path = _dir.File("metrics.json");

        MetricsFile.Write(path, Metrics);

        using var json = JsonDocument.Parse(File.ReadAllText(path));
        var root = json.RootElement;
        Assert.Equal(
            ["test_loss", "test_accuracy", "epochs", "seconds_per_epoch", "total_train_seconds",
             "accelerator", "seed", "started_utc"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(0.3105, root.GetProperty("test_loss").GetDouble());
        Assert.Equal(0.87324, root.GetProperty("test_accuracy").GetDouble());
        Assert.Equal(2, root.GetProperty("epochs").GetInt32());
        Assert.Equal(
            [4.25, 3.5],
            root.GetProperty("seconds_per_epoch").EnumerateArray().Select(e => e.GetDouble()));
        Assert.Equal(7.75, root.GetProperty("total_train_seconds").GetDouble());
        Assert.Equal(
            "CPU accelerator (ILGPU), 2 threads", root.GetProperty("accelerator").GetString());
        Assert.Equal(42, root.GetProperty("seed").GetInt32());
        Assert.Equal("2025-01-02T03:04:05+00:00", root.GetProperty("started_utc").GetString());
    }

    [Fact]
    public void Stopped_and_best_epoch_are_written_only_when_set()
    {
        var path = _dir.File("metrics.json");

        MetricsFile.Write(path, Metrics with { StoppedEpoch = 2, BestEpoch = 1 });

        using var json = JsonDocument.Parse(File.ReadAllText(path));
        Assert.Equal(2, json.RootElement.GetProperty("stopped_epoch").GetInt32());
        Assert.Equal(1, json.RootElement.GetProperty("best_epoch").GetInt32());
    }

    [Fact]
    public void A_duration_count_that_differs_from_epochs_is_rejected()
    {
        var path = _dir.File("metrics.json");

        var ex = Assert.Throws<ArgumentException>(
            () => MetricsFile.Write(path, Metrics with { Epochs = 3 }));

        Assert.StartsWith(
            "Epochs is 3 but SecondsPerEpoch has 2 entries", ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
    }
}
