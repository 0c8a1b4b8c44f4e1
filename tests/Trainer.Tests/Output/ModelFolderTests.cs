using System.Text.Json;
using GpuImdb.Kernels;
using GpuImdb.Tests;
using GpuImdb.Trainer.Model;
using GpuImdb.Trainer.Output;
using GpuImdb.Trainer.Prediction;
using GpuImdb.Trainer.Tests.Training;
using GpuImdb.Trainer.Training;

namespace GpuImdb.Trainer.Tests.Output;

public sealed class ModelFolderTests : IDisposable
{
    private static readonly TrainerOptions Options = new()
    {
        Accelerator = AcceleratorKind.Cpu,
        Epochs = 12,
        BatchSize = 32,
        ValidationSize = 100,
        LearningRate = 0.05,
        Seed = 7,
        Patience = 2,
        RestoreBest = true,
        Model = new ModelConfig(SyntheticReviews.VocabSize, SequenceLength: 20, EmbeddingDim: 6, HiddenUnits: 5,
            MaskPadding: true),
    };

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_saved_run_reads_back_as_a_model_with_its_sizes_weights_and_word_index()
    {
        var result = Train();

        RunOutput.Prepare(_dir.Path).Save(result, SharedData.WordIndexJson);
        var model = SavedModel.Load(_dir.Path);

        Assert.Equal(Options.Model, model.Config);
        Assert.Equal(32, model.BatchSize);
        Assert.Equal(result.Parameters, model.Parameters);
        Assert.Equal(_dir.File("imdb_word_index.json"), model.WordIndexPath);
        Assert.Equal(File.ReadAllBytes(SharedData.WordIndexJson), File.ReadAllBytes(model.WordIndexPath!));
        Assert.Equal(Path.GetFullPath("synthetic"), model.Manifest.Data);
    }

    [Fact]
    public void Model_json_names_the_sizes_the_mask_and_the_files_in_snake_case()
    {
        RunOutput.Prepare(_dir.Path).Save(Train(), wordIndexPath: null);

        using var json = JsonDocument.Parse(File.ReadAllText(_dir.File("model.json")));
        var root = json.RootElement;

        Assert.Equal(
            ["format", "version", "vocab_size", "max_length", "embedding_dim", "hidden_units", "mask_padding",
             "batch_size", "weights", "data"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("gpuimdb-model", root.GetProperty("format").GetString());
        Assert.True(root.GetProperty("mask_padding").GetBoolean());
        Assert.Equal("weights.npz", root.GetProperty("weights").GetString());
        Assert.Null(SavedModel.Load(_dir.Path).WordIndexPath);
    }

    [Fact]
    public void History_and_metrics_record_the_stopping_and_the_best_epoch()
    {
        var result = Train();

        RunOutput.Prepare(_dir.Path).Save(result);

        using var history = JsonDocument.Parse(File.ReadAllText(_dir.File("history.json")));
        using var metrics = JsonDocument.Parse(File.ReadAllText(_dir.File("metrics.json")));
        Assert.NotNull(result.StoppedEpoch);
        Assert.Equal(result.StoppedEpoch, history.RootElement.GetProperty("stopped_epoch").GetInt32());
        Assert.Equal(result.BestEpoch, history.RootElement.GetProperty("best_epoch").GetInt32());
        Assert.Equal(result.StoppedEpoch, metrics.RootElement.GetProperty("stopped_epoch").GetInt32());
        Assert.Equal(result.BestEpoch, metrics.RootElement.GetProperty("best_epoch").GetInt32());
    }

    [Fact]
    public void A_folder_without_model_json_is_refused_with_a_hint_about_resuming()
    {
        File.WriteAllText(_dir.File("checkpoint.npz"), "");

        var error = Assert.Throws<UserErrorException>(() => SavedModel.Load(_dir.Path));

        Assert.StartsWith($"{_dir.Path} has no model.json, so it is not a model folder.", error.Message);
        Assert.Contains("resume it with 'gpuimdb train --resume'", error.Message);
    }

    [Fact]
    public void Weights_of_another_shape_are_refused_naming_the_array_and_both_shapes()
    {
        RunOutput.Prepare(_dir.Path).Save(Train());
        var wider = Options.Model with { HiddenUnits = 6 };
        WeightsFile.Write(_dir.File("weights.npz"), wider, new float[wider.ParameterCount]);

        var error = Assert.Throws<UserErrorException>(() => SavedModel.Load(_dir.Path));

        Assert.StartsWith($"{_dir.File("weights.npz")}: 'dense_kernel' has shape (6, 6), but the model needs (6, 5).",
            error.Message);
    }

    [Fact]
    public void A_missing_model_folder_is_refused_by_name()
    {
        var error = Assert.Throws<UserErrorException>(() => SavedModel.Load(_dir.File("nothing-here")));

        Assert.Equal(
            $"Model folder not found: {_dir.File("nothing-here")}. Pass the --output folder of a 'gpuimdb train' run.",
            error.Message);
    }

    [Theory]
    [InlineData(2_000_000_000, "2,000,000,000")]
    [InlineData(65_537, "65,537")]
    [InlineData(0, "0")]
    public void Model_json_with_a_batch_size_out_of_range_is_refused_before_anything_is_allocated(
        int batchSize, string shown)
    {
        File.WriteAllText(_dir.File("model.json"), ModelJson(batchSize));

        var error = Assert.Throws<UserErrorException>(() => SavedModel.Load(_dir.Path));

        Assert.Equal(
            $"{_dir.File("model.json")} describes an impossible model: batch_size must be from 1 to 65,536, got "
            + $"{shown}. Pass the --output folder of a finished 'gpuimdb train' run.",
            error.Message);
    }

    [Fact]
    public void Model_json_with_the_largest_batch_size_is_read()
    {
        File.WriteAllText(_dir.File("model.json"), ModelJson(65_536));

        var manifest = ModelManifest.Read(_dir.File("model.json"));

        Assert.Equal(65_536, manifest.BatchSize);
    }

    [Fact]
    public void Model_json_with_sizes_the_model_check_refuses_is_refused()
    {
        File.WriteAllText(_dir.File("model.json"), ModelJson(32).Replace("\"embedding_dim\": 6", "\"embedding_dim\": 0",
            StringComparison.Ordinal));

        var error = Assert.Throws<UserErrorException>(() => ModelManifest.Read(_dir.File("model.json")));

        Assert.StartsWith($"{_dir.File("model.json")} describes an impossible model: --embedding-dim must be greater "
            + "than 0", error.Message);
    }

    [Fact]
    public void A_file_given_as_the_model_folder_is_refused_saying_it_is_a_file()
    {
        File.WriteAllText(_dir.File("notes.txt"), "");
        File.WriteAllText(_dir.File("model.json"), ModelJson(32));

        var file = Assert.Throws<UserErrorException>(() => SavedModel.Load(_dir.File("notes.txt")));
        var manifest = Assert.Throws<UserErrorException>(() => SavedModel.Load(_dir.File("model.json")));

        Assert.Equal(
            $"{_dir.File("notes.txt")} is a file, not a model folder. Pass the --output folder of a 'gpuimdb train' "
            + "run, the folder that holds model.json.",
            file.Message);
        Assert.Equal($"{_dir.File("model.json")} is a file, not a model folder. Pass the folder that holds it, "
            + $"{_dir.Path}.", manifest.Message);
    }

    private static string ModelJson(int batchSize) =>
        "{\"format\": \"gpuimdb-model\", \"version\": 1, \"vocab_size\": 100, \"max_length\": 20, "
        + "\"embedding_dim\": 6, \"hidden_units\": 5, \"mask_padding\": false, "
        + $"\"batch_size\": {batchSize}, \"weights\": \"weights.npz\"}}";

    private static TrainingResult Train() => ImdbTrainer.Train(
        SyntheticReviews.Create(trainCount: 260, testCount: 60, sequenceLength: 20, seed: 11),
        Options,
        ITrainingObserver.None);
}
