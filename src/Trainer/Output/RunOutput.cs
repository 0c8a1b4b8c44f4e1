using GpuImdb.Trainer.Data;
using GpuImdb.Trainer.Training;

namespace GpuImdb.Trainer.Output;

/// <summary>
/// A training run's output folder, which is also a model folder: history.csv, history.json,
/// metrics.json, weights.npz, model.json, the word index (imdb_word_index.json copied in, or
/// word_index.json when the run built its own from raw reviews), loss.png and accuracy.png at the
/// end, and checkpoint.npz after every epoch. Each file is written atomically.
/// </summary>
public sealed class RunOutput
{
    /// <summary>The name of the word index a run saves when it built one from raw reviews.</summary>
    public const string WordIndexFileName = "word_index.json";

    private bool _created;

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
        if (string.IsNullOrWhiteSpace(directory))
        {
            throw new UserErrorException("--output is empty; give a folder (it is created if missing).");
        }

        string full = Path.GetFullPath(directory);
        if (File.Exists(full))
        {
            throw new UserErrorException($"--output {directory} is a file; give a folder (it is created if missing).");
        }

        bool created = !System.IO.Directory.Exists(full);
        try
        {
            System.IO.Directory.CreateDirectory(full);

            // Find out now, not after the first epoch, that the folder takes files.
            string probe = Path.Combine(full, $".gpuimdb-write-test-{Guid.NewGuid():N}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var output = new RunOutput(full) { _created = created };
            output.RemoveIfUnused();
            throw new UserErrorException(
                $"Cannot write to the output folder {directory}: {UserMessages.Clause(e.Message)}. "
                + "Give a folder you can write to.", e);
        }

        return new RunOutput(full) { _created = created };
    }

    /// <summary>
    /// Deletes the folder when <see cref="Prepare"/> created it and nothing was written into it, so a
    /// run that failed before saving leaves no trace.
    /// </summary>
    public void RemoveIfUnused()
    {
        try
        {
            if (_created && System.IO.Directory.Exists(Directory)
                && !System.IO.Directory.EnumerateFileSystemEntries(Directory).Any())
            {
                System.IO.Directory.Delete(Directory);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // NOTE: cleaning up is a courtesy; the run's own error is the one to report.
        }
    }

    /// <summary>
    /// Writes every file of <paramref name="result"/>, with the word index that gives its ids their
    /// words, so that the model can read raw text without more options: the index the run built, else
    /// a copy of <paramref name="wordIndexPath"/> (Keras's imdb_word_index.json) when not null.
    /// </summary>
    public void Save(TrainingResult result, string? wordIndexPath = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        HistoryFiles.WriteCsv(PathOf("history.csv"), result.History);
        HistoryFiles.WriteJson(PathOf("history.json"), result.History, result.StoppedEpoch, result.BestEpoch);
        MetricsFile.Write(PathOf("metrics.json"), Metrics(result));
        WeightsFile.Write(PathOf(WeightsFile.FileName), result.Plan.Model, result.Parameters);
        string? wordIndex = null;
        if (result.BuiltWordIndex is not null)
        {
            result.BuiltWordIndex.Save(PathOf(WordIndexFileName));
            wordIndex = WordIndexFileName;
        }
        else if (wordIndexPath is not null)
        {
            CopyWordIndex(wordIndexPath);
            wordIndex = ImdbLoader.WordIndexFileName;
        }

        ModelManifest.For(result.Plan.Model, result.Plan.Options.BatchSize, WeightsFile.FileName, wordIndex,
                Path.GetFullPath(result.Plan.DataPath))
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
        string target = PathOf(ImdbLoader.WordIndexFileName);
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
