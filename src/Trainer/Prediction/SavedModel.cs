using GpuImdb.Trainer.Model;
using GpuImdb.Trainer.Output;

namespace GpuImdb.Trainer.Prediction;

/// <summary>
/// A trained model read back from its folder (a train run's <c>--output</c>): the sizes and batch
/// size from <c>model.json</c>, the weights from <c>weights.npz</c>, and where its word index is.
/// </summary>
public sealed class SavedModel
{
    private SavedModel(string directory, ModelManifest manifest, float[] parameters)
    {
        Directory = directory;
        Manifest = manifest;
        Parameters = parameters;
    }

    /// <summary>The model folder (full path).</summary>
    public string Directory { get; }

    /// <summary>The contents of <c>model.json</c>.</summary>
    public ModelManifest Manifest { get; }

    /// <summary>The model's sizes and mask setting.</summary>
    public ModelConfig Config => Manifest.Config;

    /// <summary>The batch size the model was trained with; evaluation uses it too.</summary>
    public int BatchSize => Manifest.BatchSize;

    /// <summary>The flat parameter vector, laid out as <see cref="ModelConfig.Tensors"/>.</summary>
    public float[] Parameters { get; }

    /// <summary>The word index kept in the folder (full path), or null when the folder has none.</summary>
    public string? WordIndexPath => Manifest.WordIndex is { } name ? Path.Combine(Directory, name) : null;

    /// <summary>
    /// Reads the folder. Throws <see cref="UserErrorException"/> when it is missing, is not a model
    /// folder, or its weights do not fit its sizes.
    /// </summary>
    public static SavedModel Load(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        string full = Path.GetFullPath(directory);
        if (File.Exists(full))
        {
            string hint = Path.GetFileName(full) == ModelManifest.FileName
                ? $"Pass the folder that holds it, {Path.GetDirectoryName(full)}."
                : "Pass the --output folder of a 'gpuimdb train' run, the folder that holds model.json.";
            throw new UserErrorException($"{directory} is a file, not a model folder. {hint}");
        }

        if (!System.IO.Directory.Exists(full))
        {
            throw new UserErrorException(
                $"Model folder not found: {directory}. Pass the --output folder of a 'gpuimdb train' run.");
        }

        string manifestPath = Path.Combine(full, ModelManifest.FileName);
        if (!File.Exists(manifestPath))
        {
            throw new UserErrorException(
                $"{directory} has no {ModelManifest.FileName}, so it is not a model folder. Pass the --output "
                + "folder of a finished 'gpuimdb train' run (an interrupted run has only a checkpoint: resume it "
                + "with 'gpuimdb train --resume').");
        }

        var manifest = ModelManifest.Read(manifestPath);
        var parameters = WeightsFile.Read(Path.Combine(full, manifest.Weights), manifest.Config);
        return new SavedModel(full, manifest, parameters);
    }
}
