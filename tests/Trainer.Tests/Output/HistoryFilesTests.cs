using GpuImdb.Trainer.Output;

namespace GpuImdb.Trainer.Tests.Output;

public sealed class HistoryFilesTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Csv_has_the_header_and_one_round_trip_row_per_epoch()
    {
        var path = _dir.File("history.csv");

        HistoryFiles.WriteCsv(path, SampleHistory.TwoEpochs);

        Assert.Equal(
            "epoch,loss,accuracy,val_loss,val_accuracy,seconds,ms_per_step\n"
            + "1,0.6931471805599453,0.5,0.69,0.30000000000000004,4.25,6.8\n"
            + "2,0.3125,0.875,0.33041,0.86111,3.5,5.6000000000000005\n",
            File.ReadAllText(path));
    }

    [Fact]
    public void Json_has_one_array_per_metric_like_keras_history()
    {
        var path = _dir.File("history.json");

        HistoryFiles.WriteJson(path, SampleHistory.TwoEpochs);

        Assert.Equal(
            """
            {
              "epoch": [
                1,
                2
              ],
              "loss": [
                0.6931471805599453,
                0.3125
              ],
              "accuracy": [
                0.5,
                0.875
              ],
              "val_loss": [
                0.69,
                0.33041
              ],
              "val_accuracy": [
                0.30000000000000004,
                0.86111
              ],
              "seconds": [
                4.25,
                3.5
              ],
              "ms_per_step": [
                6.8,
                5.6000000000000005
              ]
            }

            """,
            File.ReadAllText(path));
    }

    [Fact]
    public void Json_reads_back_to_the_same_epoch_results()
    {
        var path = _dir.File("history.json");
        HistoryFiles.WriteJson(path, SampleHistory.TwoEpochs);

        var read = HistoryFiles.ReadJson(path);

        Assert.Equal(SampleHistory.TwoEpochs, read);
    }

    [Fact]
    public void Json_round_trips_nan_and_infinite_losses_of_a_diverged_run()
    {
        var path = _dir.File("history.json");
        EpochResult[] diverged = [new(1, double.NaN, 0.5, double.PositiveInfinity, 0.5, 1, 2)];

        HistoryFiles.WriteJson(path, diverged);
        var read = HistoryFiles.ReadJson(path);

        Assert.Contains("\"NaN\"", File.ReadAllText(path), StringComparison.Ordinal);
        Assert.Equal(diverged, read);
    }

    [Fact]
    public void Empty_history_round_trips_to_an_empty_list()
    {
        var path = _dir.File("history.json");

        HistoryFiles.WriteJson(path, []);

        Assert.Empty(HistoryFiles.ReadJson(path));
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("[1, 2, 3]")]
    [InlineData("null")]
    [InlineData("{\"epoch\": [1], \"loss\": [0.5]}")]
    [InlineData("{\"epoch\": [1], \"loss\": null, \"accuracy\": [1], \"val_loss\": [1], "
        + "\"val_accuracy\": [1], \"seconds\": [1], \"ms_per_step\": [1]}")]
    [InlineData("{\"epoch\": [1, 2], \"loss\": [1], \"accuracy\": [1], \"val_loss\": [1], "
        + "\"val_accuracy\": [1], \"seconds\": [1], \"ms_per_step\": [1]}")]
    [InlineData("{\"epoch\": [2, 2], \"loss\": [1, 1], \"accuracy\": [1, 1], \"val_loss\": [1, 1], "
        + "\"val_accuracy\": [1, 1], \"seconds\": [1, 1], \"ms_per_step\": [1, 1]}")]
    public void Malformed_json_is_a_user_error_that_names_the_file(string content)
    {
        var path = _dir.File("history.json");
        File.WriteAllText(path, content);

        var ex = Assert.Throws<UserErrorException>(() => HistoryFiles.ReadJson(path));

        Assert.Contains($"'{path}'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_history_file_is_a_user_error_that_names_the_file()
    {
        var path = _dir.File("missing.json");

        var ex = Assert.Throws<UserErrorException>(() => HistoryFiles.ReadJson(path));

        Assert.Equal($"History file '{path}' does not exist.", ex.Message);
    }
}
