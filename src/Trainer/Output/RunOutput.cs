using GpuImdb.Trainer.Training;

namespace GpuImdb.Trainer.Output;

/// <summary>
/// A training run's output folder, which is also a model folder: history.csv, history.json,
/// metrics.json, weights.npz, model.json, imdb_word_index.json (when found), loss.png and
/// accuracy.png at the end, and checkpoint.npz after every epoch. Each file is written atomically.
/// </summary>
public sealed class RunOutput
{
    /// <summary>The word index's file name, beside the data and inside a model folder.</summary>
    public const string WordIndexFileName = "imdb_word_index.json";

    private RunOutput(string directory)
    {
        Directory = directory;
    }

    /// <summary>The output folder (full path).</summary>
    public string Directory { get; }

    /// <summary>Where the run's checkpoint goes.</summary>
    public string CheckpointPath => PathOf(TrainingCheckpoint.FileName);

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

    /// <summary>
    /// The word index to copy into a model folder: <paramref name="given"/> when not null, else
    /// <c>imdb_word_index.json</c> beside <paramref name="dataPath"/> when it exists, else null.
    /// </summary>
    public static string? FindWordIndex(string? given, string dataPath)
    {
        if (given is not null)
        {
            return Path.GetFullPath(given);
        }

        string beside = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(dataPath)) ?? ".", WordIndexFileName);
        return File.Exists(beside) ? beside : null;
    }

    /// <summary>
    /// Writes every file of <paramref name="result"/>, and copies <paramref name="wordIndexPath"/>
    /// (when not null) into the folder so that the model can read raw text without more options.
    /// </summary>
    public void Save(TrainingResult result, string? wordIndexPath = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        HistoryFiles.WriteCsv(PathOf("history.csv"), result.History);
        HistoryFiles.WriteJson(PathOf("history.json"), result.History, result.StoppedEpoch, result.BestEpoch);
        MetricsFile.Write(PathOf("metrics.json"), Metrics(result));
        WeightsFile.Write(PathOf(WeightsFile.FileName), result.Plan.Model, result.Parameters);
        if (wordIndexPath is not null)
        {
            CopyWordIndex(wordIndexPath);
        }

        ModelManifest.For(result.Plan.Model, result.Plan.Options.BatchSize, WeightsFile.FileName,
                wordIndexPath is null ? null : WordIndexFileName, Path.GetFullPath(result.Plan.DataPath))
            .Write(PathOf(ModelManifest.FileName));
        TrainingPlots.SaveLoss(PathOf("loss.png"), result.History);
        TrainingPlots.SaveAccuracy(PathOf("accuracy.png"), result.History);
    }

    private static RunMetrics Metrics(TrainingResult result) => new(
        result.TestLoss,
        result.TestAccuracy,
        result.History.Count,
        result.History.Select(h => h.Seconds).ToList(),
        result.TrainSeconds,
        result.Plan.Device,
        result.Plan.Options.Seed,
        result.Plan.StartedUtc)
    {
        StoppedEpoch = result.StoppedEpoch,
        BestEpoch = result.BestEpoch,
    };

    private void CopyWordIndex(string source)
    {
        string target = PathOf(WordIndexFileName);
        if (string.Equals(Path.GetFullPath(source), target, StringComparison.Ordinal))
        {
            return;
        }

        try
        {
            using var input = File.OpenRead(source);
            AtomicFile.Write(target, input.CopyTo);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserErrorException(
                $"Could not copy the word index {source} into {Directory}: {e.Message} Check that the file is "
                + "readable, or pass --word-index PATH.", e);
        }
    }

    private string PathOf(string name) => Path.Combine(Directory, name);
}
