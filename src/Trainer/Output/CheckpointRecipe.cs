using GpuImdb.Kernels;
using GpuImdb.Trainer.Data;
using GpuImdb.Trainer.Model;
using GpuImdb.Trainer.Training;

namespace GpuImdb.Trainer.Output;

/// <summary>The <c>options</c> object of a checkpoint's state: every <see cref="TrainerOptions"/> of the run.</summary>
internal sealed record CheckpointRecipe(
    string Accelerator,
    int Epochs,
    int BatchSize,
    int VocabSize,
    int MaxLength,
    int EmbeddingDim,
    int HiddenUnits,
    bool MaskPadding,
    int ValidationSize,
    double LearningRate,
    uint Seed,
    bool RestoreBest,
    int? Device = null,
    int? Patience = null,
    string DataFormat = "auto",
    string? WordIndex = null)
{
    public static CheckpointRecipe From(TrainerOptions o) => new(
        o.Accelerator.ToString().ToLowerInvariant(),
        o.Epochs,
        o.BatchSize,
        o.Model.VocabSize,
        o.Model.SequenceLength,
        o.Model.EmbeddingDim,
        o.Model.HiddenUnits,
        o.Model.MaskPadding,
        o.ValidationSize,
        o.LearningRate,
        o.Seed,
        o.RestoreBest,
        o.DeviceIndex,
        o.Patience,
        o.DataFormat.ToString().ToLowerInvariant(),
        o.WordIndexPath is null ? null : Path.GetFullPath(o.WordIndexPath));

    /// <summary>The options, reading <paramref name="dataPath"/>; null when a name is not known.</summary>
    public TrainerOptions? ToOptions(string dataPath) =>
        Enum.TryParse<AcceleratorKind>(Accelerator, ignoreCase: true, out var kind)
            && Enum.TryParse<DataFormat>(DataFormat, ignoreCase: true, out var format)
            ? new TrainerOptions
            {
                DataPath = dataPath,
                DataFormat = format,
                WordIndexPath = WordIndex,
                Accelerator = kind,
                DeviceIndex = Device,
                Epochs = Epochs,
                BatchSize = BatchSize,
                Model = new ModelConfig(VocabSize, MaxLength, EmbeddingDim, HiddenUnits, MaskPadding),
                ValidationSize = ValidationSize,
                LearningRate = LearningRate,
                Seed = Seed,
                Patience = Patience,
                RestoreBest = RestoreBest,
            }
            : null;
}
