using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using GpuImdb.Trainer;
using GpuImdb.Trainer.Data;
using GpuImdb.Trainer.Prediction;

namespace GpuImdb.Cli.Commands;

/// <summary><c>gpuimdb predict</c>: a trained model's verdict on raw review text.</summary>
internal static class PredictCommand
{
    private const int PreviewLength = 60;

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    /// <param name="input">Standard input, or null for the console's.</param>
    public static Command Create(TextReader? input)
    {
        var model = ModelOption.Create();
        var reviews = new Argument<string[]>("review")
        {
            Description = "Review texts, each one argument (quote them)",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var file = new Option<string?>("--file", "-f")
        {
            Description = "Read reviews from FILE, one per line, instead",
            HelpName = "FILE",
        };
        var wordIndex = new Option<string?>("--word-index")
        {
            Description = "Keras's imdb_word_index.json (default: the copy in the model folder)",
        };
        var accelerator = AcceleratorOption.Create();
        var device = AcceleratorOption.CreateDeviceIndex();
        var json = new Option<bool>("--json") { Description = "Print one JSON array, one object per review" };
        var command = new Command("predict",
            "Print the probability that each review is positive, and its label; reviews come from the arguments, "
            + "--file, or standard input")
        {
            model, reviews, file, wordIndex, accelerator, device, json,
        };
        command.SetAction(parseResult => CommandErrors.Run(parseResult, writer =>
        {
            var texts = ReadReviews(parseResult.GetValue(reviews) ?? [], parseResult.GetValue(file), input);
            var saved = SavedModel.Load(parseResult.GetValue(model)!);
            string wordIndexPath = parseResult.GetValue(wordIndex) ?? saved.WordIndexPath
                ?? throw new UserErrorException(
                    $"The model in {saved.Directory} has no word index (none was found beside its data when it was "
                    + "trained). Pass --word-index PATH with Keras's imdb_word_index.json.");
            var predictions = SentimentPredictor.Predict(saved, WordIndex.Load(wordIndexPath), texts,
                AcceleratorOption.Parse(parseResult.GetValue(accelerator)), parseResult.GetValue(device));
            if (parseResult.GetValue(json))
            {
                var rows = predictions.Select((p, i) => new
                {
                    index = i,
                    probability = p.Probability,
                    label = p.Label,
                    known_words = p.KnownWords,
                });
                writer.WriteLine(JsonSerializer.Serialize(rows, JsonOptions));
                return 0;
            }

            for (int i = 0; i < predictions.Count; i++)
            {
                var p = predictions[i];
                string note = p.KnownWords == 0 ? "(no known words) " : "";
                writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{p.Label}  {p.Probability:F4}  {note}{Preview(texts[i])}"));
            }

            return 0;
        }));
        return command;
    }

    private static IReadOnlyList<string> ReadReviews(string[] arguments, string? file, TextReader? input)
    {
        if (arguments.Length > 0 && file is not null)
        {
            throw new UserErrorException("Give reviews either as arguments or with --file, not both.");
        }

        if (arguments.Length > 0)
        {
            return arguments;
        }

        if (file is not null)
        {
            try
            {
                return File.ReadAllLines(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UserErrorException($"Could not read --file {file}: {e.Message} Check the path.", e);
            }
        }

        if (input is null && !Console.IsInputRedirected)
        {
            throw new UserErrorException(
                "No reviews given. Pass them as arguments (quoted), with --file FILE (one per line), or on "
                + "standard input.");
        }

        var lines = new List<string>();
        var reader = input ?? Console.In;
        while (reader.ReadLine() is { } line)
        {
            lines.Add(line);
        }

        return lines;
    }

    // The start of the review on one line, for the reader to tell the lines apart.
    private static string Preview(string text)
    {
        var preview = new StringBuilder();
        foreach (char c in text.Length > PreviewLength ? text[..PreviewLength] : text)
        {
            preview.Append(char.IsControl(c) ? ' ' : c);
        }

        return text.Length > PreviewLength ? preview.Append("...").ToString() : preview.ToString();
    }
}
