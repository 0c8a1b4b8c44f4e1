using System.CommandLine;
using GpuImdb.Trainer;
using GpuImdb.Trainer.Data;

namespace GpuImdb.Cli.Commands;

/// <summary><c>gpuimdb decode</c>: one review's ids and its text, decoded as the tutorial does.</summary>
internal static class DecodeCommand
{
    private const string WordIndexFileName = "imdb_word_index.json";

    public static Command Create()
    {
        var split = new Option<string>("--split")
        {
            Description = "Which reviews: train or test",
            DefaultValueFactory = _ => "train",
        };
        split.AcceptOnlyFromAmong("train", "test");
        var index = new Option<int>("--index", "-i") { Description = "0-based review number", Required = true }
            .AtLeast(0);
        var data = new Option<string?>("--data") { Description = "Keras's imdb.npz (default: as for train)" };
        var wordIndex = new Option<string?>("--word-index")
        {
            Description = $"Keras's {WordIndexFileName} (default: beside the data file)",
        };
        var vocabSize = new Option<int>("--vocab-size")
        {
            Description = "Most frequent words kept; rarer ones show as <UNK>",
            DefaultValueFactory = _ => 10_000,
        }.AtLeast(4);

        var command = new Command("decode", "Print a review's token ids and its decoded text")
        {
            split, index, data, wordIndex, vocabSize,
        };
        command.SetAction(parseResult => CommandErrors.Run(parseResult, writer =>
        {
            string path = new DataLocator().Resolve(parseResult.GetValue(data));
            string wordIndexPath = parseResult.GetValue(wordIndex)
                ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".", WordIndexFileName);
            var words = WordIndex.Load(wordIndexPath);
            var imdb = KerasImdb.Load(path, numWords: parseResult.GetValue(vocabSize));
            string splitName = parseResult.GetValue(split) ?? "train";
            var reviews = splitName == "test" ? imdb.Test : imdb.Train;
            int n = parseResult.GetValue(index);
            if (n >= reviews.Labels.Length)
            {
                throw new UserErrorException(
                    $"--index {n} is past the end: the {splitName} split has {reviews.Labels.Length} reviews "
                    + $"(0 to {reviews.Labels.Length - 1}).");
            }

            var ids = reviews.Sequences[n];
            int label = reviews.Labels[n];
            writer.WriteLine($"{splitName} review {n}: label {label} ({(label == 1 ? "positive" : "negative")}), "
                + $"{ids.Length} tokens");
            writer.WriteLine($"ids: [{string.Join(", ", ids)}]");
            writer.WriteLine($"text: {words.Decode(ids)}");
            return 0;
        }));
        return command;
    }
}
