using System.CommandLine;
using System.Globalization;
using GpuImdb.Cli.Rendering;
using GpuImdb.Trainer.Data;

namespace GpuImdb.Cli.Commands;

/// <summary><c>gpuimdb data info</c>: what the reviews hold and what the tutorial's cuts remove.</summary>
internal static class DataCommand
{
    public static Command Create()
    {
        return new Command("data", "Inspect the IMDB data") { CreateInfo() };
    }

    private static Command CreateInfo()
    {
        var data = DataOptions.Create();
        var maxLength = new Option<int>("--max-length")
        {
            Description = "Tokens per review after padding or truncating",
            DefaultValueFactory = _ => 256,
        }.AtLeast(1);
        var vocabSize = new Option<int>("--vocab-size")
        {
            Description = "Most frequent words kept (Keras's num_words)",
            DefaultValueFactory = _ => 10_000,
        }.AtLeast(4);
        var command = new Command(
            "info", "Count the reviews per split and label, their lengths, and the vocabulary seen");
        foreach (var option in (Option[])[.. data.All, maxLength, vocabSize])
        {
            command.Options.Add(option);
        }

        command.SetAction(parseResult => CommandErrors.Run(parseResult, writer =>
        {
            // Ctrl+C cancels a download cleanly; afterwards it ends the process as usual.
            string path;
            using (var cancellation = CancelOnCtrlC.Create())
            {
                path = data.Resolve(parseResult, cancellation.Token);
            }

            var imdb = ImdbLoader.Load(path, int.MaxValue, data.GetFormat(parseResult),
                parseResult.GetValue(data.WordIndex));
            var stats = ImdbStatistics.Compute(imdb, parseResult.GetValue(maxLength), parseResult.GetValue(vocabSize));
            Write(writer, imdb, stats);
            return 0;
        }));
        return command;
    }

    private static void Write(TextWriter writer, ImdbData imdb, ImdbStatistics stats)
    {
        writer.WriteLine($"Data:        {imdb.SourcePath} ({Describe(imdb)})");
        writer.WriteLine($"Reviews:     {Counts(stats.Train)}; {Counts(stats.Test)}");
        writer.WriteLine("Length:      ids per review, start mark included, before padding");
        foreach (var split in new[] { stats.Train, stats.Test, stats.All })
        {
            writer.WriteLine($"             {split.Name + ":",-6} mean {F1(split.MeanLength)}, median "
                + $"{F1(split.MedianLength)}, max {N(split.MaxLength)}");
        }

        writer.WriteLine($"Cut:         reviews longer than --max-length {stats.MaxLength} lose their "
            + "first ids");
        foreach (var split in new[] { stats.Train, stats.Test, stats.All })
        {
            writer.WriteLine($"             {split.Name + ":",-6} {N(split.LongerThanCut)} reviews "
                + $"({Percent(split.ShareOfReviewsCut)}), {N(split.TokensCut)} ids "
                + $"({Percent(split.ShareOfTokensCut)})");
        }

        writer.WriteLine($"Vocabulary:  {N(stats.All.WordsSeen)} distinct words seen "
            + $"(train {N(stats.Train.WordsSeen)}, test {N(stats.Test.WordsSeen)})");
        writer.WriteLine($"             --vocab-size {N(stats.VocabSize)} keeps {N(stats.WordsKept)} of them; "
            + $"{N(stats.OutOfVocabularyTokens)} of {N(stats.WordTokens)} word ids "
            + $"({Percent(stats.ShareOutOfVocabulary)}) become <UNK>");
    }

    private static string Describe(ImdbData imdb) => imdb.Format switch
    {
        ImdbFormat.Npz => "Keras's imdb.npz",
        _ when imdb.BuiltWordIndex is { } built =>
            $"raw reviews; word index built from the training reviews, {N(built.Count)} words",
        _ => $"raw reviews; words mapped by {imdb.WordIndexPath}",
    };

    private static string Counts(SplitStatistics split) =>
        $"{split.Name} {N(split.Reviews)} ({N(split.Positive)} positive, {N(split.Negative)} negative)";

    private static string N(long value) => ModelSummaryRenderer.Thousands(value);

    private static string F1(double value) => value.ToString("F1", CultureInfo.InvariantCulture);

    private static string Percent(double share) =>
        (share * 100).ToString("F1", CultureInfo.InvariantCulture) + "%";
}
