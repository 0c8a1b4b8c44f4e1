using System.Globalization;
using System.Text;
using System.Text.Json;

namespace GpuImdb.Trainer.Output;

/// <summary>Writes and reads the per-epoch training history as CSV and Keras-like JSON.</summary>
public static class HistoryFiles
{
    /// <summary>The CSV header line, without its line end.</summary>
    public const string CsvHeader = "epoch,loss,accuracy,val_loss,val_accuracy,seconds,ms_per_step";

    /// <summary>
    /// Writes one CSV row per epoch under <see cref="CsvHeader"/>, with <c>\n</c> line ends,
    /// invariant culture and the shortest text that reads back to the same double.
    /// </summary>
    public static void WriteCsv(string path, IReadOnlyList<EpochResult> history)
    {
        ArgumentNullException.ThrowIfNull(history);

        var csv = new StringBuilder(CsvHeader).Append('\n');
        foreach (var e in history)
        {
            csv.Append(e.Epoch.ToString(CultureInfo.InvariantCulture))
                .Append(',').Append(Format(e.Loss))
                .Append(',').Append(Format(e.Accuracy))
                .Append(',').Append(Format(e.ValLoss))
                .Append(',').Append(Format(e.ValAccuracy))
                .Append(',').Append(Format(e.Seconds))
                .Append(',').Append(Format(e.MsPerStep))
                .Append('\n');
        }

        AtomicFile.Write(path, csv.ToString());
    }

    /// <summary>
    /// Writes an indented JSON object shaped like Keras's <c>History.history</c>:
    /// <c>{"epoch": [1, 2], "loss": [...], "accuracy": [...], "val_loss": [...],
    /// "val_accuracy": [...], "seconds": [...], "ms_per_step": [...]}</c>, then
    /// <c>"stopped_epoch"</c> and <c>"best_epoch"</c> when given.
    /// </summary>
    /// <param name="path">The file to write.</param>
    /// <param name="history">One result per epoch.</param>
    /// <param name="stoppedEpoch">The epoch after which early stopping ended the run, if it did.</param>
    /// <param name="bestEpoch">The epoch with the lowest validation loss, if the run tracked it.</param>
    public static void WriteJson(
        string path, IReadOnlyList<EpochResult> history, int? stoppedEpoch = null, int? bestEpoch = null)
    {
        ArgumentNullException.ThrowIfNull(history);

        var document = new HistoryDocument(
            [.. history.Select(e => e.Epoch)],
            [.. history.Select(e => e.Loss)],
            [.. history.Select(e => e.Accuracy)],
            [.. history.Select(e => e.ValLoss)],
            [.. history.Select(e => e.ValAccuracy)],
            [.. history.Select(e => e.Seconds)],
            [.. history.Select(e => e.MsPerStep)],
            stoppedEpoch,
            bestEpoch);
        AtomicFile.Write(path, OutputJson.Serialize(document));
    }

    /// <summary>Reads a file written by <see cref="WriteJson"/> back into epoch results.</summary>
    /// <exception cref="UserErrorException">
    /// The file is missing, is not JSON of that shape, its arrays differ in length, or its epoch
    /// numbers are not positive and increasing. The message names the file.
    /// </exception>
    public static IReadOnlyList<EpochResult> ReadJson(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);

        var document = Deserialize(path);
        var count = document.Epoch.Length;
        int[] lengths =
        [
            document.Loss.Length, document.Accuracy.Length, document.ValLoss.Length,
            document.ValAccuracy.Length, document.Seconds.Length, document.MsPerStep.Length,
        ];
        if (lengths.Any(length => length != count))
        {
            var all = string.Join(", ", lengths.Prepend(count));
            throw Malformed(path, $"its arrays differ in length ({all}).");
        }

        var results = new EpochResult[count];
        for (var i = 0; i < count; i++)
        {
            var epoch = document.Epoch[i];
            if (epoch <= 0 || (i > 0 && epoch <= document.Epoch[i - 1]))
            {
                throw Malformed(
                    path, $"epoch {epoch} at index {i} is not positive and increasing.");
            }

            results[i] = new EpochResult(
                epoch, document.Loss[i], document.Accuracy[i], document.ValLoss[i],
                document.ValAccuracy[i], document.Seconds[i], document.MsPerStep[i]);
        }

        return results;
    }

    private static HistoryDocument Deserialize(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize<HistoryDocument>(stream, OutputJson.Options)
                ?? throw Malformed(path, "it holds null instead of an object.");
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new UserErrorException($"History file '{path}' does not exist.", ex);
        }
        catch (JsonException ex)
        {
            throw Malformed(path, ex.Message, ex);
        }
    }

    private static UserErrorException Malformed(string path, string reason, Exception? inner = null)
    {
        var message = $"History file '{path}' is not a valid GpuImdb history: {reason} "
            + "Expected an object with equally long arrays epoch, loss, accuracy, val_loss, "
            + "val_accuracy, seconds and ms_per_step.";
        return inner is null
            ? new UserErrorException(message)
            : new UserErrorException(message, inner);
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
