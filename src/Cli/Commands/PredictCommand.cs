using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
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
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
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
            Description = "Read reviews from FILE instead, one per line (UTF-8, at most "
                + ReviewLines.MaxReviewLength.ToString("N0", CultureInfo.InvariantCulture)
                + " characters a line; blank lines are skipped)",
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
            var given = ReadReviews(parseResult.GetValue(reviews) ?? [], parseResult.GetValue(file), input,
                parseResult.InvocationConfiguration.Error);
            var saved = SavedModel.Load(parseResult.GetValue(model)!);
            string wordIndexPath = parseResult.GetValue(wordIndex) ?? saved.WordIndexPath
                ?? throw new UserErrorException(
                    $"The model in {saved.Directory} has no word index (none was found beside its data when it was "
                    + "trained). Pass --word-index PATH with Keras's imdb_word_index.json.");
            var texts = given.Select(r => r.Text).ToList();
            var predictions = SentimentPredictor.Predict(saved, WordIndex.Load(wordIndexPath), texts,
                AcceleratorOption.Parse(parseResult.GetValue(accelerator)), parseResult.GetValue(device));
            if (parseResult.GetValue(json))
            {
                var rows = predictions.Select((p, i) => new
                {
                    index = i,
                    line = given[i].LineNumber,
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

    // Arguments are reviews as given (line null); a file or standard input gives one review per
    // non-blank line, with its line number, and a note on stderr names the blank lines skipped.
    private static IReadOnlyList<(string Text, int? LineNumber)> ReadReviews(
        string[] arguments, string? file, TextReader? input, TextWriter error)
    {
        if (arguments.Length > 0 && file is not null)
        {
            throw new UserErrorException("Give reviews either as arguments or with --file, not both.");
        }

        if (arguments.Length > 0)
        {
            return arguments.Select(a => (a, (int?)null)).ToList();
        }

        ReviewLineSet lines;
        string source;
        if (file is not null)
        {
            source = $"--file {file}";
            lines = ReadFile(file, source);
        }
        else if (input is null && Console.IsInputRedirected)
        {
            source = "standard input";
            using var stdin = Console.OpenStandardInput();
            lines = ReviewLines.Read(stdin, source);
        }
        else if (input is not null)
        {
            source = "standard input";
            lines = ReviewLines.Read(input, source);
        }
        else
        {
            throw new UserErrorException(
                "No reviews given. Pass them as arguments (quoted), with --file FILE (one per line), or on "
                + "standard input.");
        }

        if (lines.Reviews.Count == 0)
        {
            string what = lines.BlankLines == 0 ? "is empty" : "has only blank lines";
            throw new UserErrorException(
                $"No review given: {source} {what}. Give one review per line, or pass reviews as arguments (quoted).");
        }

        if (lines.BlankLines > 0)
        {
            string more = lines.BlankLines > lines.FirstBlankLines.Count
                ? $" and {lines.BlankLines - lines.FirstBlankLines.Count} more"
                : "";
            string plural = lines.BlankLines == 1 ? "" : "s";
            error.WriteLine($"note: skipped {lines.BlankLines} blank line{plural} of {source} "
                + $"(line{plural} {string.Join(", ", lines.FirstBlankLines)}{more}); the other reviews keep their "
                + "line numbers (\"line\" with --json).");
        }

        return lines.Reviews.Select(r => (r.Text, (int?)r.LineNumber)).ToList();
    }

    private static ReviewLineSet ReadFile(string file, string source)
    {
        if (Directory.Exists(file))
        {
            throw new UserErrorException(
                $"--file {file} is a folder, not a file. Give a text file with one review per line.");
        }

        FileStream stream;
        try
        {
            stream = File.OpenRead(file);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new UserErrorException($"--file {file} does not exist. Check the path.", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserErrorException(
                $"Could not read --file {file}: {UserMessages.Clause(e.Message)}. Check the path and its permissions.",
                e);
        }

        using (stream)
        {
            return ReviewLines.Read(stream, source);
        }
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
