using System.CommandLine;
using GpuImdb.Trainer;
using GpuImdb.Trainer.Data;

namespace GpuImdb.Cli.Commands;

/// <summary><c>gpuimdb decode</c>: one review's ids and its text, decoded as the tutorial does.</summary>
internal static class DecodeCommand
{
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
        var data = DataOptions.Create();
        var vocabSize = new Option<int>("--vocab-size")
        {
            Description = "Most frequent words kept; rarer ones show as <UNK>",
            DefaultValueFactory = _ => 10_000,
        }.AtLeast(4);

        var command = new Command("decode", "Print a review's token ids and its decoded text");
        foreach (var option in (Option[])[split, index, .. data.All, vocabSize])
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

            var (imdb, words, wordsName) = Load(path, data, parseResult, parseResult.GetValue(vocabSize));
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
            if (words.Coverage(ids).Warning(wordsName) is { } warning)
            {
                parseResult.InvocationConfiguration.Error.WriteLine($"warning: {warning}");
            }

            return 0;
        }));
        return command;
    }

    // imdb.npz holds ranks only, so decoding needs Keras's word index (checked first, as it is quick);
    // raw reviews carry their words and fall back to an index built from them.
    private static (ImdbData Data, WordIndex Words, string WordsName) Load(
        string path, DataOptions data, ParseResult parseResult, int vocabSize)
    {
        var format = ImdbLoader.Detect(path, data.GetFormat(parseResult));
        string? wordIndexPath = parseResult.GetValue(data.WordIndex) ?? ImdbLoader.FindWordIndex(path);
        if (format == ImdbFormat.Npz)
        {
            string kerasPath = wordIndexPath ?? Path.Combine(
                Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".", ImdbLoader.WordIndexFileName);
            return (KerasImdb.Load(path, numWords: vocabSize), WordIndex.Load(kerasPath), kerasPath);
        }

        var words = wordIndexPath is null ? null : WordIndex.Load(wordIndexPath);
        var imdb = AclImdb.Load(path, format, words, vocabSize);
        if (imdb.BuiltWordIndex is { } built)
        {
            parseResult.InvocationConfiguration.Error.WriteLine(
                $"note: no {ImdbLoader.WordIndexFileName} beside {path}; the ids come from a word index built "
                + "from the training reviews, not Keras's.");
            return (imdb, built, "the word index built from the training reviews");
        }

        return (imdb, words!, wordIndexPath!);
    }
}
