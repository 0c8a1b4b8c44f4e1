using GpuImdb.Tests;
using GpuImdb.Trainer.Tests.Data;

namespace GpuImdb.Cli.Tests;

public sealed class RawDataTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose()
    {
        _folder.Dispose();
    }

    [Fact]
    public void Decode_prints_the_same_review_from_the_tarball_as_from_the_npz()
    {
        var fromNpz = CliRun.Of("decode", "--index", "0", "--data", SharedData.ImdbNpz);
        var fromTar = CliRun.Of("decode", "--index", "0", "--data", SharedData.AclImdbTarGz);

        Assert.True(fromTar.ExitCode == 0, fromTar.Error);
        Assert.Equal(fromNpz.Output, fromTar.Output);
        Assert.Equal("", fromTar.Error);
        Assert.Contains("text: <START> this film was just brilliant casting location scenery story", fromTar.Output);
    }

    [Fact]
    public void Data_info_counts_the_same_reviews_in_the_tarball_as_in_the_npz()
    {
        var fromNpz = CliRun.Of("data", "info", "--data", SharedData.ImdbNpz);
        var fromTar = CliRun.Of("data", "info", "--data", SharedData.AclImdbTarGz, "--format", "raw");

        Assert.True(fromTar.ExitCode == 0, fromTar.Error);
        Assert.StartsWith($"Data:        {SharedData.ImdbNpz} (Keras's imdb.npz)", fromNpz.Output);
        Assert.StartsWith($"Data:        {SharedData.AclImdbTarGz} (raw reviews; words mapped by "
            + $"{SharedData.WordIndexJson})", fromTar.Output);
        Assert.Equal(WithoutFirstLine(fromNpz.Output), WithoutFirstLine(fromTar.Output));
        Assert.Contains("Reviews:     train 25,000 (12,500 positive, 12,500 negative); "
            + "test 25,000 (12,500 positive, 12,500 negative)", fromNpz.Output);
        Assert.Contains("all:   mean 234.8, median 176.0, max 2,494", fromNpz.Output);
        Assert.Contains("Vocabulary:  88,584 distinct words seen (train 88,584, test ", fromNpz.Output);
        Assert.Contains("--vocab-size 10,000 keeps 9,996 of them;", fromNpz.Output);
    }

    [Fact]
    public void Data_info_reports_the_cut_at_the_given_max_length()
    {
        var path = _folder.Write("aclImdb_v1.tar.gz", AclImdbFiles.Minimal().ToTarGz());

        var run = CliRun.Of("data", "info", "--data", path, "--max-length", "3", "--vocab-size", "6");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("(raw reviews; word index built from the training reviews, 4 words)", run.Output);
        Assert.Contains("train: mean 4.0, median 4.0, max 4", run.Output);
        Assert.Contains("Cut:         reviews longer than --max-length 3 lose their first ids", run.Output);
        Assert.Contains("train: 2 reviews (100.0%), 2 ids (25.0%)", run.Output);
        Assert.Contains("Vocabulary:  4 distinct words seen (train 4, test 2)", run.Output);
        Assert.Contains("--vocab-size 6 keeps 2 of them; 4 of 8 word ids (50.0%) become <UNK>", run.Output);
    }

    [Fact]
    public void An_empty_review_decodes_to_just_the_start_mark()
    {
        var files = new AclImdbFiles()
            .Review("train/pos/0_9.txt", "").Review("train/neg/0_1.txt", "bad")
            .Review("test/pos/0_9.txt", "good").Review("test/neg/0_1.txt", "bad");
        var folder = files.WriteFolder(_folder.Path);

        var first = CliRun.Of("decode", "--index", "0", "--data", folder);
        var second = CliRun.Of("decode", "--index", "1", "--data", folder);

        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Contains("ids: [1]\n", first.Output + second.Output);
        Assert.Contains("text: <START>\n", first.Output + second.Output);
        Assert.StartsWith($"note: no imdb_word_index.json beside {folder}; the ids come from a word index built",
            first.Error);
    }

    [Fact]
    public void Training_on_raw_reviews_without_a_word_index_saves_the_one_it_built()
    {
        var files = new AclImdbFiles();
        for (var i = 0; i < 12; i++)
        {
            files.Review($"train/pos/{i}_9.txt", "a great movie, truly great")
                .Review($"train/neg/{i}_1.txt", "a bad movie, truly bad")
                .Review($"test/pos/{i}_8.txt", "great acting")
                .Review($"test/neg/{i}_2.txt", "bad acting");
        }

        var data = _folder.Write("raw/aclImdb_v1.tar.gz", files.ToTarGz());
        var output = Path.Combine(_folder.Path, "run");

        var run = CliRun.Of("train", "--accelerator", "cpu", "--data", data, "--output", output, "--epochs", "2",
            "--batch-size", "4", "--validation-size", "4", "--max-length", "8", "--vocab-size", "10");
        var decodeBuilt = CliRun.Of("decode", "--index", "3", "--data", data);
        var decodeSaved = CliRun.Of("decode", "--index", "3", "--data", data,
            "--word-index", Path.Combine(output, "word_index.json"));

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("raw reviews; word index built from the training reviews (5 words)", run.Output);
        Assert.Contains($"Saved the model (weights.npz, model.json, word_index.json), history, metrics and plots to "
            + output, run.Output);
        Assert.Equal(
            "{\"a\":1,\"great\":2,\"movie\":3,\"truly\":4,\"bad\":5}",
            File.ReadAllText(Path.Combine(output, "word_index.json")));
        Assert.True(decodeSaved.ExitCode == 0, decodeSaved.Error);
        Assert.Equal(decodeBuilt.Output, decodeSaved.Output);
        Assert.Equal("", decodeSaved.Error);
    }

    [Fact]
    public void Training_with_a_word_index_of_no_words_is_refused_naming_it()
    {
        var index = _folder.Write("empty.json", "{}"u8.ToArray());

        var run = CliRun.Of("train", "--accelerator", "cpu", "--data", SharedData.AclImdbTarGz, "--word-index", index);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"error: {index} is a word index with no words ({{}}), so no review would have a known word.",
            run.Error);
    }

    [Fact]
    public void Asking_for_npz_but_giving_the_tarball_is_refused()
    {
        var run = CliRun.Of("decode", "--index", "0", "--data", SharedData.AclImdbTarGz, "--format", "npz");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"error: {SharedData.AclImdbTarGz} holds Stanford's raw reviews, but --format npz was given;",
            run.Error);
    }

    private static string WithoutFirstLine(string text) => text[(text.IndexOf('\n') + 1)..];
}
