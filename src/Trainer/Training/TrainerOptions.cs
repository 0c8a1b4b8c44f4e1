using GpuImdb.Kernels;
using GpuImdb.Trainer.Data;
using GpuImdb.Trainer.Model;

namespace GpuImdb.Trainer.Training;

/// <summary>Everything a training run needs; the defaults are the Keras tutorial's recipe.</summary>
public sealed record TrainerOptions
{
    /// <summary>
    /// The data: Keras's imdb.npz, Stanford's aclImdb folder or aclImdb_v1.tar.gz; null to search
    /// the usual places.
    /// </summary>
    public string? DataPath { get; init; }

    /// <summary>The form of data expected at <see cref="DataPath"/> or looked for in the caches.</summary>
    public DataFormat DataFormat { get; init; } = DataFormat.Auto;

    /// <summary>
    /// For raw reviews: Keras's imdb_word_index.json; null for the one beside the data, else an
    /// index built from the training reviews.
    /// </summary>
    public string? WordIndexPath { get; init; }

    /// <summary>Which accelerator to run on.</summary>
    public AcceleratorKind Accelerator { get; init; } = AcceleratorKind.Auto;

    /// <summary>Which device of that kind (0-based); null for the first.</summary>
    public int? DeviceIndex { get; init; }

    /// <summary>Passes over the training samples.</summary>
    public int Epochs { get; init; } = 40;

    /// <summary>Samples per step; the last batch of an epoch may be smaller.</summary>
    public int BatchSize { get; init; } = 512;

    /// <summary>Model sizes (vocabulary, sequence length, embedding width, hidden units).</summary>
    public ModelConfig Model { get; init; } = new();

    /// <summary>The first this many training reviews are held out for validation.</summary>
    public int ValidationSize { get; init; } = 10_000;

    /// <summary>Adam's learning rate.</summary>
    public double LearningRate { get; init; } = 0.001;

    /// <summary>Seeds the initial weights and the per-epoch shuffles.</summary>
    public uint Seed { get; init; } = 42;

    /// <summary>
    /// Stop once the validation loss has not strictly improved for this many epochs in a row
    /// (Keras's <c>EarlyStopping(patience=N)</c>); null trains every epoch.
    /// </summary>
    public int? Patience { get; init; }

    /// <summary>
    /// At the end, put back the weights of the epoch with the lowest validation loss (Keras's
    /// <c>restore_best_weights=True</c>), so the test and the saved weights use them.
    /// </summary>
    public bool RestoreBest { get; init; }

    /// <summary>
    /// Where to write a checkpoint after every epoch and when interrupted; null keeps none. Not part
    /// of the recipe: a resumed run gets its own.
    /// </summary>
    public string? CheckpointPath { get; init; }

    /// <summary>True when the run tracks its best epoch (early stopping or restoring the best weights).</summary>
    public bool TracksBestEpoch => Patience is not null || RestoreBest;

    /// <summary>The largest batch a run accepts: one step over every training review and more.</summary>
    public const int MaxBatchSize = 65_536;

    /// <summary>Throws <see cref="UserErrorException"/> for values no run can use.</summary>
    public void Validate()
    {
        Model.Validate();
        if (Epochs <= 0)
        {
            throw new UserErrorException($"--epochs must be greater than 0, got {Epochs}.");
        }

        if (BatchSize <= 0)
        {
            throw new UserErrorException($"--batch-size must be greater than 0, got {BatchSize}.");
        }

        if (BatchSize > MaxBatchSize)
        {
            throw new UserErrorException(
                $"--batch-size {BatchSize} is above this tool's limit of {MaxBatchSize:N0} (the data has 25,000 "
                + "training reviews).");
        }

        if (ValidationSize < 0)
        {
            throw new UserErrorException($"--validation-size must be 0 or more, got {ValidationSize}.");
        }

        if (!(LearningRate > 0) || double.IsInfinity(LearningRate))
        {
            throw new UserErrorException($"--learning-rate must be a positive number, got {LearningRate}.");
        }

        if (Patience is < 1)
        {
            throw new UserErrorException($"--patience must be at least 1, got {Patience}.");
        }

        if (TracksBestEpoch && ValidationSize == 0)
        {
            string option = Patience is null ? "--restore-best" : "--patience";
            throw new UserErrorException(
                $"{option} watches the validation loss, but --validation-size 0 holds out no reviews. "
                + "Give --validation-size a positive value (the tutorial's is 10000).");
        }
    }
}
