using GpuImdb.Trainer.Training;

namespace GpuImdb.Trainer.Output;

/// <summary>
/// The files a training run leaves in its output folder: history.csv, history.json, metrics.json,
/// weights.npz, loss.png and accuracy.png, plus word_index.json when the run built its own word
/// index from raw reviews. Each file is written atomically.
/// </summary>
public sealed class RunOutput
{
    /// <summary>The name of the word index a run saves when it built one from raw reviews.</summary>
    public const string WordIndexFileName = "word_index.json";

    private RunOutput(string directory)
    {
        Directory = directory;
    }

    /// <summary>The output folder.</summary>
    public string Directory { get; }

    /// <summary>
    /// Creates the folder (before training, so a bad path fails in seconds, not after the run).
    /// </summary>
    public static RunOutput Prepare(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        string full = Path.GetFullPath(directory);
        if (File.Exists(full))
        {
            throw new UserErrorException($"--output {directory} is a file; give a folder (it is created if missing).");
        }

        try
        {
            System.IO.Directory.CreateDirectory(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserErrorException($"Cannot create the output folder {directory}: {e.Message}", e);
        }

        return new RunOutput(full);
    }

    /// <summary>Writes every file of <paramref name="result"/>.</summary>
    public void Save(TrainingResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        HistoryFiles.WriteCsv(PathOf("history.csv"), result.History);
        HistoryFiles.WriteJson(PathOf("history.json"), result.History);
        MetricsFile.Write(PathOf("metrics.json"), Metrics(result));
        NpzWriter.Write(PathOf("weights.npz"), Weights(result));
        TrainingPlots.SaveLoss(PathOf("loss.png"), result.History);
        TrainingPlots.SaveAccuracy(PathOf("accuracy.png"), result.History);
        result.BuiltWordIndex?.Save(PathOf(WordIndexFileName));
    }

    /// <summary>The parameters as named arrays: embedding_embeddings [V, E], dense_kernel [E, H], ….</summary>
    public static IEnumerable<NamedArray> Weights(TrainingResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Plan.Model.Tensors.Select(t =>
            new NamedArray(t.FileName, result.Parameters.AsSpan(t.Offset, t.Length).ToArray(), t.Shape));
    }

    private static RunMetrics Metrics(TrainingResult result) => new(
        result.TestLoss,
        result.TestAccuracy,
        result.History.Count,
        result.History.Select(h => h.Seconds).ToList(),
        result.TrainSeconds,
        result.Plan.Device,
        result.Plan.Options.Seed,
        result.Plan.StartedUtc);

    private string PathOf(string name) => Path.Combine(Directory, name);
}
