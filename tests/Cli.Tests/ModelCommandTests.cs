using System.Text.Json;
using System.Text.RegularExpressions;
using GpuImdb.Tests;

namespace GpuImdb.Cli.Tests;

public partial class ModelCommandTests(TrainedRunFixture run) : IClassFixture<TrainedRunFixture>
{
    [Fact]
    public void Train_names_its_checkpoint_and_saves_a_model()
    {
        Assert.True(run.Train.ExitCode == 0, run.Train.Error);
        Assert.Contains($"Saving:   {Path.Combine(run.Directory, "checkpoint.npz")} after every epoch and on Ctrl+C\n",
            run.Train.Output);
        Assert.EndsWith($"Saved the model (weights.npz, model.json, imdb_word_index.json), history, metrics and plots "
            + $"to {run.Directory}\n", run.Train.Output);
    }

    [Fact]
    public void Evaluate_prints_the_test_line_that_training_printed()
    {
        var evaluate = CliRun.Of("evaluate", "--model", run.Directory, "--accelerator", "cpu");

        Assert.True(evaluate.ExitCode == 0, evaluate.Error);
        Assert.Equal(TestLine(run.Train.Output), TestLine(evaluate.Output));
        Assert.Contains($"Data:     {SharedData.ImdbNpz}", evaluate.Output);
    }

    [Fact]
    public void Evaluate_json_gives_the_full_precision_figures_of_metrics_json()
    {
        var evaluate = CliRun.Of("evaluate", "--model", run.Directory, "--accelerator", "cpu", "--json");

        using var printed = JsonDocument.Parse(evaluate.Output);
        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(run.Directory, "metrics.json")));
        Assert.Equal(metrics.RootElement.GetProperty("test_loss").GetDouble(),
            printed.RootElement.GetProperty("test_loss").GetDouble());
        Assert.Equal(metrics.RootElement.GetProperty("test_accuracy").GetDouble(),
            printed.RootElement.GetProperty("test_accuracy").GetDouble());
        Assert.Equal(25_000, printed.RootElement.GetProperty("samples").GetInt32());
    }

    [Fact]
    public void Predict_prints_label_probability_and_the_start_of_each_review_given_as_arguments()
    {
        var predict = CliRun.Of("predict", "--model", run.Directory, "--accelerator", "cpu",
            "A great film.", "", "zzqx wibble");

        Assert.True(predict.ExitCode == 0, predict.Error);
        var lines = predict.Output.TrimEnd('\n').Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.Matches(@"^(positive|negative)  0\.\d{4}  A great film\.$", lines[0]);
        Assert.Matches(@"^(positive|negative)  0\.\d{4}  \(no known words\) $", lines[1]);
        Assert.Equal(lines[1].Split("  ")[1], lines[2].Split("  ")[1]);
    }

    [Fact]
    public void Predict_reads_one_review_per_line_from_a_file_or_standard_input_alike()
    {
        using var dir = new TempDir();
        string reviews = "The best movie of the year.\nBoring and far too long.\n";
        File.WriteAllText(dir.File("reviews.txt"), reviews);

        var fromFile = CliRun.Of("predict", "--model", run.Directory, "-a", "cpu", "--json",
            "--file", dir.File("reviews.txt"));
        var fromInput = CliRun.WithInput(reviews, "predict", "--model", run.Directory, "-a", "cpu", "--json");

        Assert.True(fromFile.ExitCode == 0, fromFile.Error);
        Assert.Equal(fromFile.Output, fromInput.Output);
        using var json = JsonDocument.Parse(fromFile.Output);
        var rows = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal([0, 1], rows.Select(r => r.GetProperty("index").GetInt32()));
        Assert.Equal([6, 5], rows.Select(r => r.GetProperty("known_words").GetInt32()));
        Assert.All(rows, r => Assert.InRange(r.GetProperty("probability").GetDouble(), 0, 1));
    }

    [Fact]
    public void Predict_skips_blank_lines_says_which_and_numbers_the_others_by_line()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("reviews.txt"), "\nThe best movie of the year.\n  \nBoring and far too long.\n");

        var text = CliRun.Of("predict", "--model", run.Directory, "-a", "cpu", "--file", dir.File("reviews.txt"));
        var json = CliRun.Of("predict", "--model", run.Directory, "-a", "cpu", "--json", "--file",
            dir.File("reviews.txt"));

        Assert.True(text.ExitCode == 0, text.Error);
        Assert.Equal(2, text.Output.TrimEnd('\n').Split('\n').Length);
        Assert.DoesNotContain("(no known words)", text.Output);
        Assert.Equal($"note: skipped 2 blank lines of --file {dir.File("reviews.txt")} (lines 1, 3); the other "
            + "reviews keep their line numbers (\"line\" with --json).\n", text.Error);
        using var rows = JsonDocument.Parse(json.Output);
        Assert.Equal([(0, 2), (1, 4)], rows.RootElement.EnumerateArray()
            .Select(r => (r.GetProperty("index").GetInt32(), r.GetProperty("line").GetInt32())));
    }

    [Fact]
    public void Predict_scores_a_review_of_100000_words_from_standard_input()
    {
        string review = string.Join(' ', Enumerable.Repeat("a wonderful film", 33_334));

        var predict = CliRun.WithInput(review, "predict", "--model", run.Directory, "-a", "cpu", "--json");

        Assert.True(predict.ExitCode == 0, predict.Error);
        using var json = JsonDocument.Parse(predict.Output);
        var row = Assert.Single(json.RootElement.EnumerateArray().ToList());
        Assert.Equal(100_002, row.GetProperty("known_words").GetInt32());
        Assert.InRange(row.GetProperty("probability").GetDouble(), 0, 1);
    }

    [Fact]
    public void Predict_refuses_arguments_and_a_file_together()
    {
        var predict = CliRun.Of("predict", "--model", run.Directory, "--file", "reviews.txt", "Good.");

        Assert.Equal(2, predict.ExitCode);
        Assert.Equal("error: Give reviews either as arguments or with --file, not both.\n", predict.Error);
    }

    [Fact]
    public void Resume_of_a_finished_run_says_how_to_train_it_further()
    {
        var resume = CliRun.Of("train", "--resume", run.Directory);

        Assert.Equal(2, resume.ExitCode);
        Assert.Contains($"The run in {run.Directory} already finished its 2 epochs. To train it further, pass "
            + "--epochs with a larger total than 2.", resume.Error);
    }

    [Fact]
    public void Resume_with_more_epochs_continues_the_history_of_the_run()
    {
        using var copy = new TempDir().CopyFrom(run.Directory);

        var resume = CliRun.Of("train", "--resume", copy.Path, "--epochs", "3");

        Assert.True(resume.ExitCode == 0, resume.Error);
        Assert.Contains("Resuming after epoch 2; the earlier epochs:", resume.Output);
        var before = File.ReadAllLines(Path.Combine(run.Directory, "history.csv"));
        var after = File.ReadAllLines(copy.File("history.csv"));
        Assert.Equal(4, after.Length);
        Assert.Equal(before.Select(Figures), after.Take(3).Select(Figures));
        Assert.StartsWith("3,", after[3]);
    }

    [Fact]
    public void A_new_run_into_a_finished_runs_folder_warns_with_the_command_that_would_extend_it()
    {
        using var copy = new TempDir().CopyFrom(run.Directory);

        var train = CliRun.Of("train", "-a", "cpu", "--data", SharedData.ImdbNpz, "--epochs", "1",
            "--validation-size", "24000", "--output", copy.Path);

        Assert.True(train.ExitCode == 0, train.Error);
        Assert.Matches($@"^warning: {Regex.Escape(copy.Path)} holds an earlier run; this run replaces its model, "
            + @"history, metrics, plots and checkpoint\. That run had finished its 2 epochs; to train it further "
            + $@"instead: \S*dotnet\S* \S+gpuimdb\.dll train --resume {Regex.Escape(copy.Path)} --epochs N "
            + @"\(a larger total\)\n$", train.Error);
    }

    [Theory]
    [InlineData("--batch-size", "64")]
    [InlineData("--mask-padding")]
    public void Resume_refuses_options_that_would_change_the_recipe(params string[] option)
    {
        var resume = CliRun.Of(["train", "--resume", run.Directory, .. option]);

        Assert.Equal(2, resume.ExitCode);
        Assert.Equal($"error: --resume continues a run with its own recipe, so {option[0]} cannot change. Drop it, "
            + "or start a new run without --resume.\n", resume.Error);
    }

    private static string TestLine(string output) => TestLinePattern().Match(output).Value;

    // Timings differ; the figures must not.
    private static string Figures(string csvLine) => string.Join(',', csvLine.Split(',')[..5]);

    [GeneratedRegex(@"Test: loss: \S+ - accuracy: \S+ \(25,000 reviews\)")]
    private static partial Regex TestLinePattern();
}
