using GpuImdb.Kernels;
using GpuImdb.Tests;

namespace GpuImdb.Cli.Tests;

public class CommandTests
{
    [SkippableFact]
    public void Train_on_cuda_without_a_cuda_device_exits_2_and_says_why()
    {
        Skip.If(DeviceSelector.Survey().Any(d => d.Kind == AcceleratorKind.Cuda && d.Usable),
            "this machine has a CUDA device");

        var run = CliRun.Of("train", "--accelerator", "cuda", "--data", SharedData.ImdbNpz, "--epochs", "1");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: No CUDA device found:", run.Error);
        Assert.Contains("--accelerator cpu", run.Error);
        Assert.DoesNotContain("   at ", run.Error);
    }

    [SkippableFact]
    public void Train_on_opencl_without_a_usable_device_exits_2_and_says_why()
    {
        Skip.If(DeviceSelector.Survey().Any(d => d.Kind == AcceleratorKind.OpenCL && d.Usable),
            "this machine has a usable OpenCL device");

        var run = CliRun.Of("train", "--accelerator", "opencl", "--data", SharedData.ImdbNpz, "--epochs", "1");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: No usable OpenCL device found:", run.Error);
    }

    [Fact]
    public void Train_with_a_missing_data_file_exits_2_naming_it()
    {
        var run = CliRun.Of("train", "--data", "no/such/imdb.npz", "--accelerator", "cpu");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("no/such/imdb.npz", run.Error);
        Assert.DoesNotContain("   at ", run.Error);
    }

    [Fact]
    public void Train_writes_every_output_file_for_a_one_epoch_run()
    {
        string dir = Path.Combine(Path.GetTempPath(), "gpuimdb-cli-" + Guid.NewGuid().ToString("N"));
        try
        {
            var run = CliRun.Of("train", "--accelerator", "cpu", "--data", SharedData.ImdbNpz, "--epochs", "1",
                "--output", dir);

            Assert.True(run.ExitCode == 0, run.Error);
            Assert.Contains("Total params: 160,289", run.Output);
            Assert.Contains("Epoch 1/1", run.Output);
            Assert.Matches(@"30/30 \[=+\] [\d.]+s \d+ms/step - loss: 0\.\d{4} - accuracy: 0\.\d{4} - "
                + @"val_loss: 0\.\d{4} - val_accuracy: 0\.\d{4}", run.Output);
            Assert.Matches(@"Test: loss: 0\.\d{4} - accuracy: 0\.\d{4}", run.Output);
            Assert.Equal(
                ["accuracy.png", "checkpoint.npz", "history.csv", "history.json", "imdb_word_index.json", "loss.png",
                 "metrics.json", "model.json", "weights.npz"],
                Directory.GetFiles(dir).Select(Path.GetFileName).Order());
            Assert.Equal(2, File.ReadAllLines(Path.Combine(dir, "history.csv")).Length);
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    [Fact]
    public void Train_that_diverges_exits_3_naming_the_epoch_and_step()
    {
        var run = CliRun.Of("train", "--accelerator", "cpu", "--data", SharedData.ImdbNpz, "--epochs", "1",
            "--learning-rate", "1e30");

        Assert.Equal(3, run.ExitCode);
        Assert.StartsWith("error: Training diverged: the training loss became NaN in epoch 1, step ", run.Error);
        Assert.DoesNotContain("   at ", run.Error);
    }

    [Fact]
    public void Resume_from_a_folder_without_a_checkpoint_exits_2_and_says_what_to_give()
    {
        string dir = Directory.CreateTempSubdirectory("gpuimdb-cli-").FullName;
        try
        {
            var run = CliRun.Of("train", "--resume", dir);

            Assert.Equal(2, run.ExitCode);
            Assert.Equal($"error: --resume {dir}: the folder has no checkpoint.npz. Give the --output folder of a run "
                + "that was trained with --output and interrupted.\n", run.Error);
        }
        finally
        {
            Directory.Delete(dir);
        }
    }

    [Fact]
    public void Evaluate_and_predict_name_a_missing_model_folder()
    {
        var evaluate = CliRun.Of("evaluate", "--model", "no/such/model");
        var predict = CliRun.Of("predict", "--model", "no/such/model", "Good.");

        Assert.Equal((2, 2), (evaluate.ExitCode, predict.ExitCode));
        Assert.StartsWith("error: Model folder not found: no/such/model.", evaluate.Error);
        Assert.Equal(evaluate.Error, predict.Error);
    }

    [Fact]
    public void Decode_prints_the_tutorials_first_training_review()
    {
        var run = CliRun.Of("decode", "--split", "train", "--index", "0", "--data", SharedData.ImdbNpz);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("train review 0: label 1 (positive), 218 tokens", run.Output);
        Assert.Contains("ids: [1, 14, 22, 16, 43, 530, 973, 1622, 1385, 65, 458, 4468, 66, 3941, 4, 173, 36, 256,",
            run.Output);
        Assert.Contains("text: <START> this film was just brilliant casting location scenery story direction "
            + "everyone's really suited the part they played", run.Output);
    }

    [Fact]
    public void Decode_past_the_end_exits_2_with_the_valid_range()
    {
        var run = CliRun.Of("decode", "--split", "test", "--index", "25000", "--data", SharedData.ImdbNpz);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--index 25000 is past the end: the test split has 25000 reviews (0 to 24999).", run.Error);
    }

    [Fact]
    public void Devices_lists_the_cpu_accelerator_and_explains_missing_gpus()
    {
        var run = CliRun.Of("devices");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("CPU     #0", run.Output);
        Assert.Matches("CUDA +(#0|none: )", run.Output);
        Assert.Matches("OpenCL +(#0|none: )", run.Output);
    }

    [Fact]
    public void Bench_reports_timings_launches_transfers_phases_and_memory_as_json()
    {
        var run = CliRun.Of("bench", "--accelerator", "cpu", "--data", SharedData.ImdbNpz, "--epochs", "1", "--json");

        Assert.True(run.ExitCode == 0, run.Error);
        using var json = System.Text.Json.JsonDocument.Parse(run.Output);
        var root = json.RootElement;
        Assert.StartsWith("CPU accelerator", root.GetProperty("accelerator").GetString());
        Assert.Equal(30, root.GetProperty("steps_per_epoch").GetInt32());
        Assert.Equal(1, root.GetProperty("epochs").GetArrayLength());
        Assert.True(root.GetProperty("median_epoch_seconds").GetDouble() > 0);
        Assert.Equal(3, root.GetProperty("transfers_per_epoch").GetInt64());
        Assert.InRange(root.GetProperty("launches_per_step").GetDouble(), 10, 30);
        Assert.Contains(root.GetProperty("phases").EnumerateArray(),
            p => p.GetProperty("phase").GetString() == "embedding+pooling backward");
        Assert.True(root.GetProperty("peak_memory_mb").GetDouble() > 50);
    }

    [Theory]
    [InlineData("--embedding-dim", "100000", "--embedding-dim 100000 is above this tool's limit of 1,024.")]
    [InlineData("--max-length", "100000", "--max-length 100000 is above this tool's limit of 4,096.")]
    [InlineData("--batch-size", "100000", "--batch-size 100000 is above this tool's limit of 65,536")]
    [InlineData("--vocab-size", "5000000", "--vocab-size 5000000 is above this tool's limit of 1,000,000.")]
    public void Sizes_past_the_limits_are_refused_before_any_data_is_read(string option, string value, string message)
    {
        var run = CliRun.Of("train", option, value, "--data", "no/such/imdb.npz");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"error: {message}", run.Error);
    }

    [Fact]
    public void A_run_that_fails_before_saving_removes_the_output_folder_it_created()
    {
        string dir = Path.Combine(Path.GetTempPath(), "gpuimdb-cli-" + Guid.NewGuid().ToString("N"));

        var run = CliRun.Of("train", "--data", "no/such/imdb.npz", "--output", dir);

        Assert.Equal(2, run.ExitCode);
        Assert.False(Directory.Exists(dir), $"{dir} was left behind");
    }

    [Fact]
    public void An_empty_output_option_is_refused()
    {
        var run = CliRun.Of("train", "--output", "", "--data", SharedData.ImdbNpz);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: --output is empty;", run.Error);
    }

    [Fact]
    public void Decode_warns_when_the_word_index_does_not_fit_the_ids()
    {
        string index = Path.Combine(Path.GetTempPath(), $"gpuimdb-index-{Guid.NewGuid():N}.json");
        File.WriteAllText(index, "{\"zzz\": 9000, \"yyy\": 9001}");
        try
        {
            var run = CliRun.Of("decode", "--index", "0", "--data", SharedData.ImdbNpz, "--word-index", index);

            Assert.Equal(0, run.ExitCode);
            Assert.StartsWith($"warning: 211 of the review's 211 word ids have no word in {index}", run.Error);
        }
        finally
        {
            File.Delete(index);
        }
    }

    [Fact]
    public void Without_validation_reviews_the_epoch_line_has_no_val_metrics()
    {
        var run = CliRun.Of("train", "--accelerator", "cpu", "--data", SharedData.ImdbNpz, "--epochs", "1",
            "--validation-size", "0");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Matches(@"49/49 \[=+\] [\d.]+s \d+ms/step - loss: 0\.\d{4} - accuracy: 0\.\d{4}\r?\n", run.Output);
        Assert.DoesNotContain("val_loss", run.Output);
    }
}
