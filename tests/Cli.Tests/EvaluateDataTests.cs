using System.Text.Json;
using GpuImdb.Tests;
using GpuImdb.Trainer.Tests.Data;

namespace GpuImdb.Cli.Tests;

/// <summary>
/// Which data evaluate reads for a model, and the combinations it refuses because their ids would
/// not be the model's. The models are tiny ones trained on a few raw reviews.
/// </summary>
public sealed class EvaluateDataTests(EvaluateDataTests.Models models)
    : IClassFixture<EvaluateDataTests.Models>, IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_model_with_its_own_word_index_repeats_its_test_figures_on_its_raw_reviews()
    {
        var evaluate = CliRun.Of("evaluate", "--model", models.OwnIndexModel, "-a", "cpu", "--json");

        Assert.True(evaluate.ExitCode == 0, evaluate.Error);
        AssertSameFigures(models.OwnIndexModel, evaluate.Output);
    }

    [Fact]
    public void A_model_with_its_own_word_index_refuses_kerass_imdb_npz()
    {
        var evaluate = CliRun.Of("evaluate", "--model", models.OwnIndexModel, "-a", "cpu",
            "--data", SharedData.ImdbNpz);

        Assert.Equal(2, evaluate.ExitCode);
        Assert.Equal(
            $"error: The model in {models.OwnIndexModel} was trained on raw reviews with the word index it built "
            + $"from them (word_index.json), so its ids are not Keras's, but {SharedData.ImdbNpz} is Keras's "
            + "imdb.npz; its figures would be wrong. Evaluate on the raw reviews instead: pass --data with Stanford's "
            + "aclImdb_v1.tar.gz or its aclImdb folder.\n",
            evaluate.Error);
    }

    [Fact]
    public void Raw_reviews_are_read_with_the_models_copy_of_its_word_index_not_the_one_beside_them()
    {
        // A word index beside the data that ranks the words the other way round.
        File.WriteAllText(Path.Combine(Path.GetDirectoryName(models.Data)!, "imdb_word_index.json"),
            "{\"acting\": 1, \"truly\": 2, \"a\": 3, \"movie\": 4, \"bad\": 5, \"great\": 6}");
        try
        {
            var evaluate = CliRun.Of("evaluate", "--model", models.KerasIndexModel, "-a", "cpu", "--json",
                "--data", models.Data);

            Assert.True(evaluate.ExitCode == 0, evaluate.Error);
            AssertSameFigures(models.KerasIndexModel, evaluate.Output);
        }
        finally
        {
            File.Delete(Path.Combine(Path.GetDirectoryName(models.Data)!, "imdb_word_index.json"));
        }
    }

    [Fact]
    public void A_model_without_a_word_index_refuses_raw_reviews_without_one_beside_them()
    {
        var model = _dir.CopyFrom(models.KerasIndexModel).Path;
        var manifest = File.ReadAllText(Path.Combine(model, "model.json"));
        File.WriteAllText(Path.Combine(model, "model.json"),
            manifest.Replace("\"word_index\": \"imdb_word_index.json\",", "", StringComparison.Ordinal));

        var evaluate = CliRun.Of("evaluate", "--model", model, "-a", "cpu", "--data", models.Data);

        Assert.Equal(2, evaluate.ExitCode);
        Assert.Equal(
            $"error: The model in {model} has no word index, so it cannot tell which ids the raw reviews in "
            + $"{models.Data} have: an index built from them would not be the one the model was trained with. Put "
            + "Keras's imdb_word_index.json beside them, or pass --data with Keras's imdb.npz.\n",
            evaluate.Error);
    }

    [Fact]
    public void Data_recorded_in_the_model_that_no_longer_exists_is_named()
    {
        var model = _dir.CopyFrom(models.OwnIndexModel).Path;
        var gone = _dir.File("moved-away.tar.gz");
        var manifest = File.ReadAllText(Path.Combine(model, "model.json"));
        File.WriteAllText(Path.Combine(model, "model.json"),
            manifest.Replace(JsonEncodedText.Encode(models.Data).Value, gone, StringComparison.Ordinal));

        var evaluate = CliRun.Of("evaluate", "--model", model, "-a", "cpu");

        Assert.Equal(2, evaluate.ExitCode);
        Assert.Equal(
            $"error: The model in {model} was trained on {gone}, which no longer exists. Pass --data PATH with the "
            + "same data (Stanford's raw reviews, as the model's ids come from the word index it built from them).\n",
            evaluate.Error);
    }

    [Fact]
    public void An_empty_data_option_is_refused()
    {
        var evaluate = CliRun.Of("evaluate", "--model", models.OwnIndexModel, "-a", "cpu", "--data", "");

        Assert.Equal(2, evaluate.ExitCode);
        Assert.StartsWith("error: --data is empty; give a path", evaluate.Error);
    }

    [Fact]
    public void Help_names_every_kind_of_data_evaluate_reads()
    {
        var help = CliRun.Of("evaluate", "--help");

        Assert.Contains("Keras's imdb.npz, Stanford's aclImdb_v1.tar.gz or its aclImdb folder", help.Output);
    }

    private static void AssertSameFigures(string model, string evaluateJson)
    {
        using var printed = JsonDocument.Parse(evaluateJson);
        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(model, "metrics.json")));
        Assert.Equal(metrics.RootElement.GetProperty("test_loss").GetDouble(),
            printed.RootElement.GetProperty("test_loss").GetDouble());
        Assert.Equal(metrics.RootElement.GetProperty("test_accuracy").GetDouble(),
            printed.RootElement.GetProperty("test_accuracy").GetDouble());
    }

    /// <summary>
    /// Two models trained on the same few raw reviews: one with the word index it built from them,
    /// one with a word index given by --word-index (copied into its folder as Keras's would be).
    /// </summary>
    public sealed class Models : IDisposable
    {
        private readonly TempFolder _folder = new();

        public Models()
        {
            var files = new AclImdbFiles();
            for (var i = 0; i < 12; i++)
            {
                files.Review($"train/pos/{i}_9.txt", "a great movie, truly great")
                    .Review($"train/neg/{i}_1.txt", "a bad movie, truly bad")
                    .Review($"test/pos/{i}_8.txt", i % 3 == 0 ? "bad acting, great movie" : "great acting")
                    .Review($"test/neg/{i}_2.txt", i % 4 == 0 ? "a great bad movie" : "bad acting");
            }

            Data = _folder.Write("raw/aclImdb_v1.tar.gz", files.ToTarGz());
            var index = _folder.Write("index.json",
                "{\"great\": 1, \"bad\": 2, \"movie\": 3, \"a\": 4, \"truly\": 5, \"acting\": 6}"u8.ToArray());
            OwnIndexModel = Train("own", []);
            KerasIndexModel = Train("keras", ["--word-index", index]);
        }

        public string Data { get; }

        public string OwnIndexModel { get; }

        public string KerasIndexModel { get; }

        public void Dispose() => _folder.Dispose();

        private string Train(string name, string[] options)
        {
            var output = Path.Combine(_folder.Path, name);
            var run = CliRun.Of(["train", "--accelerator", "cpu", "--data", Data, "--output", output, "--epochs", "3",
                "--batch-size", "4", "--validation-size", "4", "--max-length", "8", "--vocab-size", "10", .. options]);
            Assert.True(run.ExitCode == 0, run.Error);
            return output;
        }
    }
}
