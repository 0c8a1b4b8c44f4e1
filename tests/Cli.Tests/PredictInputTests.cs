namespace GpuImdb.Cli.Tests;

/// <summary>
/// How predict reads reviews from --file and standard input. Reading comes before the model is
/// loaded, so these need no trained model.
/// </summary>
public sealed class PredictInputTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_folder_given_as_the_file_is_called_a_folder()
    {
        var run = CliRun.Of("predict", "--model", "unused", "--file", _dir.Path);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"error: --file {_dir.Path} is a folder, not a file. Give a text file with one review per line.\n",
            run.Error);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        var run = CliRun.Of("predict", "--model", "unused", "--file", _dir.File("none.txt"));

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"error: --file {_dir.File("none.txt")} does not exist. Check the path.\n", run.Error);
    }

    [Fact]
    public void An_empty_file_or_empty_standard_input_is_an_error_not_silence()
    {
        File.WriteAllText(_dir.File("empty.txt"), "");

        var file = CliRun.Of("predict", "--model", "unused", "--file", _dir.File("empty.txt"));
        var input = CliRun.WithInput("", "predict", "--model", "unused");

        Assert.Equal((2, 2), (file.ExitCode, input.ExitCode));
        Assert.Equal("", file.Output + input.Output);
        Assert.Equal($"error: No review given: --file {_dir.File("empty.txt")} is empty. Give one review per line, or "
            + "pass reviews as arguments (quoted).\n", file.Error);
        Assert.Equal("error: No review given: standard input is empty. Give one review per line, or pass reviews as "
            + "arguments (quoted).\n", input.Error);
    }

    [Fact]
    public void Input_of_only_blank_lines_is_an_error()
    {
        var run = CliRun.WithInput("\n  \n\t\n", "predict", "--model", "unused");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: No review given: standard input has only blank lines.", run.Error);
    }

    [Fact]
    public void Invalid_utf8_in_the_file_is_refused_naming_the_line()
    {
        File.WriteAllBytes(_dir.File("latin1.txt"), [.. "Good film.\n"u8, .. "Tr"u8, 0xE8, .. "s bien\n"u8]);

        var run = CliRun.Of("predict", "--model", "unused", "--file", _dir.File("latin1.txt"));

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"error: --file {_dir.File("latin1.txt")} line 2 is not valid UTF-8 (byte 0xE8 at byte 3 of the "
            + "line). Save the reviews as UTF-8 text and try again.\n", run.Error);
    }

    [Fact]
    public void A_file_line_over_the_limit_is_refused_naming_it()
    {
        File.WriteAllText(_dir.File("long.txt"), "Fine.\n" + new string('a', 10_000_001));

        var run = CliRun.Of("predict", "--model", "unused", "--file", _dir.File("long.txt"));

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"error: --file {_dir.File("long.txt")} line 2 is longer than 10,000,000 characters, the most one "
            + "review may have. Put one review per line (ending each with a line break), or shorten it.\n", run.Error);
    }

    [SkippableFact]
    public void Dev_zero_as_the_file_is_refused_instead_of_filling_memory()
    {
        Skip.IfNot(File.Exists("/dev/zero"), "this system has no /dev/zero");

        var run = CliRun.Of("predict", "--model", "unused", "--file", "/dev/zero");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: --file /dev/zero line 1 is longer than 10,000,000 characters", run.Error);
    }

    [Fact]
    public void A_file_given_as_the_model_is_called_a_file()
    {
        File.WriteAllText(_dir.File("model.txt"), "");

        var run = CliRun.Of("predict", "--model", _dir.File("model.txt"), "Good.");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"error: {_dir.File("model.txt")} is a file, not a model folder. Pass the --output folder of a "
            + "'gpuimdb train' run, the folder that holds model.json.\n", run.Error);
    }
}
