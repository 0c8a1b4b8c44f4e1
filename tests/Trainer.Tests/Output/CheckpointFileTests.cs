using System.IO.Compression;
using System.Text.Json;
using GpuImdb.Kernels;
using GpuImdb.Trainer.Model;
using GpuImdb.Trainer.Output;
using GpuImdb.Trainer.Training;

namespace GpuImdb.Trainer.Tests.Output;

public sealed class CheckpointFileTests : IDisposable
{
    private static readonly ModelConfig Config = new(VocabSize: 7, SequenceLength: 5, EmbeddingDim: 3, HiddenUnits: 2,
        MaskPadding: true);

    private readonly TempDirectory _dir = new();

    private string Path => _dir.File(TrainingCheckpoint.FileName);

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_checkpoint_inside_an_epoch_reads_back_equal_in_every_field()
    {
        var checkpoint = Sample();

        CheckpointFile.Write(Path, checkpoint);
        var read = CheckpointFile.Read(Path);

        Assert.Equal(checkpoint.Options, read.Options);
        Assert.Equal(checkpoint.History, read.History);
        Assert.Equal(checkpoint.Parameters, read.Parameters);
        Assert.Equal(checkpoint.FirstMoment, read.FirstMoment);
        Assert.Equal(checkpoint.SecondMoment, read.SecondMoment);
        Assert.Equal(checkpoint.BestParameters, read.BestParameters);
        Assert.Equal(checkpoint.Stopping, read.Stopping);
        Assert.Equal(checkpoint.Unfinished!.MetricSums, read.Unfinished!.MetricSums);
        Assert.Equal((3, 2, 0.25), (read.Unfinished.Epoch, read.Unfinished.StepsDone, read.Unfinished.Seconds));
        Assert.Equal((checkpoint.AdamSteps, checkpoint.TrainSamples, checkpoint.StepsPerEpoch, checkpoint.DataPath),
            (read.AdamSteps, read.TrainSamples, read.StepsPerEpoch, read.DataPath));
        Assert.Equal((checkpoint.StartedUtc, checkpoint.TrainSeconds), (read.StartedUtc, read.TrainSeconds));
    }

    [Fact]
    public void A_checkpoint_is_one_numpy_archive_of_float32_arrays_and_a_json_state()
    {
        CheckpointFile.Write(Path, Sample());

        using var zip = ZipFile.OpenRead(Path);
        Assert.Equal(
            ["parameters.npy", "adam_m.npy", "adam_v.npy", "best_parameters.npy", "epoch_metrics.npy", "state.json"],
            zip.Entries.Select(e => e.FullName));
        using var state = JsonDocument.Parse(zip.GetEntry("state.json")!.Open());
        var root = state.RootElement;
        Assert.Equal("gpuimdb-checkpoint", root.GetProperty("format").GetString());
        Assert.Equal(1, root.GetProperty("version").GetInt32());
        Assert.Equal("cpu", root.GetProperty("options").GetProperty("accelerator").GetString());
        Assert.True(root.GetProperty("options").GetProperty("mask_padding").GetBoolean());
        Assert.Equal("NaN", root.GetProperty("history")[1].GetProperty("val_accuracy").GetString());
        Assert.Equal(3, root.GetProperty("unfinished_epoch").GetInt32());
    }

    [Fact]
    public void A_file_that_is_not_a_checkpoint_is_refused_naming_it_and_what_to_do()
    {
        File.WriteAllText(Path, "not a zip");

        var error = Assert.Throws<UserErrorException>(() => CheckpointFile.Read(Path));

        Assert.StartsWith($"{Path} is not a valid .npz (zip) archive:", error.Message);
        Assert.EndsWith("Start a new run without --resume, or resume from another run's folder.", error.Message);
    }

    [Fact]
    public void A_weights_file_is_refused_as_a_checkpoint_because_it_has_no_state()
    {
        WeightsFile.Write(Path, Config, new float[Config.ParameterCount]);

        var error = Assert.Throws<UserErrorException>(() => CheckpointFile.Read(Path));

        Assert.Contains("has no entry 'state.json' (it has: embedding_embeddings.npy, dense_kernel.npy", error.Message);
    }

    [Fact]
    public void A_checkpoint_whose_arrays_do_not_fit_its_model_is_refused()
    {
        var checkpoint = Sample();
        var wider = checkpoint.Options with { Model = Config with { HiddenUnits = 3 } };
        CheckpointFile.Write(Path, checkpoint with { Options = wider });

        var error = Assert.Throws<UserErrorException>(() => CheckpointFile.Read(Path));

        Assert.Contains(
            $"is not a usable gpuimdb checkpoint: 'parameters' has {Config.ParameterCount} values but the model has "
            + $"{(Config with { HiddenUnits = 3 }).ParameterCount} parameters.", error.Message);
    }

    [Fact]
    public void A_checkpoint_from_a_newer_version_is_refused()
    {
        CheckpointFile.Write(Path, Sample());
        using (var zip = ZipFile.Open(Path, ZipArchiveMode.Update))
        {
            var entry = zip.GetEntry("state.json")!;
            string text;
            using (var reader = new StreamReader(entry.Open()))
            {
                text = reader.ReadToEnd();
            }

            entry.Delete();
            using var writer = new StreamWriter(zip.CreateEntry("state.json").Open());
            writer.Write(text.Replace("\"version\": 1", "\"version\": 2", StringComparison.Ordinal));
        }

        var error = Assert.Throws<UserErrorException>(() => CheckpointFile.Read(Path));

        Assert.Contains("it has version 2; this gpuimdb reads version 1.", error.Message);
    }

    private static TrainingCheckpoint Sample()
    {
        int p = Config.ParameterCount;
        float[] Ramp(float scale) => [.. Enumerable.Range(0, p).Select(i => scale * (i - p / 2) / 7f)];
        var options = new TrainerOptions
        {
            Accelerator = AcceleratorKind.Cpu,
            DataPath = "/data/imdb.npz",
            Epochs = 9,
            BatchSize = 4,
            ValidationSize = 3,
            LearningRate = 0.003,
            Seed = 12,
            Patience = 4,
            RestoreBest = true,
            Model = Config,
        };
        EpochResult[] history =
        [
            new(1, 0.6931471805599453, 0.5, 0.69, 0.1 + 0.2, 4.25, 6.8),
            new(2, 0.5, 0.625, 0.71, double.NaN, 4.5, 7.1),
        ];
        return new TrainingCheckpoint(options, "/data/imdb.npz", TrainSamples: 10, StepsPerEpoch: 3, history,
            AdamSteps: 8, Ramp(1), Ramp(0.01f), Ramp(1e-5f),
            new EarlyStopping(4, BestEpoch: 1, BestValLoss: 0.69, Wait: 1), Ramp(-1),
            new PartialEpoch(3, 2, [2.5f, 3f, 1.25f, 2f, 0f, 0f], 0.25),
            new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.Zero), 8.75);
    }
}
