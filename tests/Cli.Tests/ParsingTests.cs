namespace GpuImdb.Cli.Tests;

public class ParsingTests
{
    [Fact]
    public void Train_defaults_are_the_tutorial_recipe()
    {
        var result = GpuImdbCli.CreateRoot().Parse("train");
        var train = result.CommandResult.Command;

        Assert.Empty(result.Errors);
        Assert.Equal(40, Value<int>(result, train, "--epochs"));
        Assert.Equal(512, Value<int>(result, train, "--batch-size"));
        Assert.Equal(256, Value<int>(result, train, "--max-length"));
        Assert.Equal(10_000, Value<int>(result, train, "--vocab-size"));
        Assert.Equal(16, Value<int>(result, train, "--embedding-dim"));
        Assert.Equal(16, Value<int>(result, train, "--hidden-units"));
        Assert.Equal(10_000, Value<int>(result, train, "--validation-size"));
        Assert.Equal(0.001, Value<double>(result, train, "--learning-rate"));
        Assert.Equal("auto", Value<string>(result, train, "--accelerator"));
        Assert.Null(Value<int?>(result, train, "--patience"));
        Assert.False(Value<bool>(result, train, "--restore-best"));
        Assert.False(Value<bool>(result, train, "--mask-padding"));
        Assert.Null(Value<string?>(result, train, "--resume"));
    }

    [Theory]
    [InlineData("train --epochs 0", "--epochs must be at least 1, got 0.")]
    [InlineData("train --batch-size -3", "--batch-size must be at least 1, got -3.")]
    [InlineData("train --learning-rate 0", "--learning-rate must be a positive number, got 0.")]
    [InlineData("train --epochs abc", "Cannot parse argument 'abc' for option '--epochs'")]
    [InlineData("train --accelerator tpu", "Argument 'tpu' not recognized. Must be one of:")]
    [InlineData("train --patience 0", "--patience must be at least 1, got 0.")]
    [InlineData("train --patience 2 --validation-size 0", "--patience watches the validation loss, but "
        + "--validation-size 0 holds out no reviews.")]
    [InlineData("evaluate", "Option '--model' is required.")]
    [InlineData("predict Good.", "Option '--model' is required.")]
    [InlineData("decode --index -1", "--index must be at least 0, got -1.")]
    [InlineData("decode --index 1 --split dev", "Argument 'dev' not recognized.")]
    [InlineData("train --format csv", "Argument 'csv' not recognized. Must be one of:")]
    [InlineData("data info --max-length 0", "--max-length must be at least 1, got 0.")]
    [InlineData("data info --vocab-size 3", "--vocab-size must be at least 4, got 3.")]
    [InlineData("data", "Required command was not provided.")]
    public void Bad_option_values_are_rejected_with_the_option_named(string args, string message)
    {
        var run = CliRun.Of(args.Split(' '));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error);
        Assert.DoesNotContain("   at ", run.Error);
    }

    private static T Value<T>(System.CommandLine.ParseResult result, System.CommandLine.Command command, string name)
    {
        var option = command.Options.OfType<System.CommandLine.Option<T>>().Single(o => o.Name == name);
        return result.GetValue(option)!;
    }
}
