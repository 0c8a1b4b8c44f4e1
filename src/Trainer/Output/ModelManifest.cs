using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using GpuImdb.Trainer.Data;
using GpuImdb.Trainer.Model;

namespace GpuImdb.Trainer.Output;

/// <summary>
/// <c>model.json</c>, the small file that makes a run's output folder a model: the sizes, the mask
/// setting, the batch size evaluation uses, and the weights, word index and data files (paths
/// relative to the folder, except the data file's).
/// </summary>
/// <param name="Format">Always <see cref="FormatName"/>.</param>
/// <param name="Version">Always <see cref="CurrentVersion"/>.</param>
/// <param name="VocabSize">Rows of the embedding table.</param>
/// <param name="MaxLength">Tokens per review after padding or truncating.</param>
/// <param name="EmbeddingDim">Width of an embedding row.</param>
/// <param name="HiddenUnits">Units of the hidden dense layer.</param>
/// <param name="MaskPadding">True when pooling averages the real tokens only.</param>
/// <param name="BatchSize">The batch size of training, which evaluation repeats.</param>
/// <param name="Weights">The weights file, relative to the folder.</param>
/// <param name="WordIndex">Keras's word index copied into the folder, or null when none was found.</param>
/// <param name="Data">The data file trained on (full path).</param>
public sealed record ModelManifest(
    string Format,
    int Version,
    int VocabSize,
    int MaxLength,
    int EmbeddingDim,
    int HiddenUnits,
    bool MaskPadding,
    int BatchSize,
    string Weights,
    string? WordIndex = null,
    string? Data = null)
{
    /// <summary>The file name inside a model folder.</summary>
    public const string FileName = "model.json";

    /// <summary>The value of <see cref="Format"/>.</summary>
    public const string FormatName = "gpuimdb-model";

    /// <summary>The version this code writes and reads.</summary>
    public const int CurrentVersion = 1;

    /// <summary>
    /// The largest batch_size read: evaluation and prediction allocate buffers of batch_size rows,
    /// so an absurd value would ask for gigabytes; the tutorial's batch size is 512.
    /// </summary>
    public const int MaxBatchSize = 65_536;

    /// <summary>The model's sizes.</summary>
    [JsonIgnore]
    public ModelConfig Config => new(VocabSize, MaxLength, EmbeddingDim, HiddenUnits, MaskPadding);

    /// <summary>A manifest for <paramref name="config"/>.</summary>
    public static ModelManifest For(ModelConfig config, int batchSize, string weights, string? wordIndex, string? data)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new ModelManifest(FormatName, CurrentVersion, config.VocabSize, config.SequenceLength,
            config.EmbeddingDim, config.HiddenUnits, config.MaskPadding, batchSize, weights, wordIndex, data);
    }

    /// <summary>Writes the manifest as indented snake_case JSON, atomically.</summary>
    public void Write(string path) => AtomicFile.Write(path, OutputJson.Serialize(this));

    /// <summary>
    /// Reads and checks a manifest; throws <see cref="UserErrorException"/> naming the file when it
    /// is missing, malformed or describes an impossible model.
    /// </summary>
    public static ModelManifest Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        const string hint = "Pass the --output folder of a finished 'gpuimdb train' run.";
        ModelManifest? manifest;
        try
        {
            using var stream = File.OpenRead(path);
            manifest = JsonSerializer.Deserialize<ModelManifest>(stream, OutputJson.Options);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new UserErrorException($"File not found: {path}. {hint}", e);
        }
        catch (JsonException e)
        {
            throw new UserErrorException(
                $"{path} is not a valid model file: {UserMessages.Clause(e.Message)}. {hint}", e);
        }

        if (manifest is null || manifest.Format != FormatName || manifest.Version != CurrentVersion)
        {
            throw new UserErrorException(
                $"{path} is not a gpuimdb model file of version {CurrentVersion} (format \"{FormatName}\"). {hint}");
        }

        try
        {
            manifest.Config.Validate();
            if (manifest.BatchSize is <= 0 or > MaxBatchSize)
            {
                throw new UserErrorException(string.Create(CultureInfo.InvariantCulture,
                    $"batch_size must be from 1 to {MaxBatchSize:N0}, got {manifest.BatchSize:N0}."));
            }
        }
        catch (UserErrorException e)
        {
            throw new UserErrorException(
                $"{path} describes an impossible model: {UserMessages.Clause(e.Message)}. {hint}", e);
        }

        return manifest;
    }
}
