using System.IO.Compression;
using System.Text.Json;
using GpuImdb.Trainer.Data;
using GpuImdb.Trainer.Training;

namespace GpuImdb.Trainer.Output;

/// <summary>
/// Writes and reads <c>checkpoint.npz</c>: one numpy archive, replaced atomically, so its arrays
/// and its state can never disagree. It holds float32 arrays <c>parameters</c>, <c>adam_m</c> and
/// <c>adam_v</c> [P] (laid out as <see cref="Model.ModelConfig.Tensors"/>), <c>best_parameters</c>
/// [P] when the run restores its best weights, <c>epoch_metrics</c> [steps, 2] when it stopped
/// inside an epoch, and the text entry <c>state.json</c> (see <see cref="CheckpointState"/>).
/// </summary>
public static class CheckpointFile
{
    private const string StateEntry = "state.json";
    private const string Hint = "Start a new run without --resume, or resume from another run's folder.";

    /// <summary>Writes <paramref name="checkpoint"/> to <paramref name="path"/>, replacing any earlier one.</summary>
    public static void Write(string path, TrainingCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var c = checkpoint;
        var unfinished = c.Unfinished;
        var state = new CheckpointState(
            CheckpointState.FormatName,
            CheckpointState.CurrentVersion,
            CheckpointRecipe.From(c.Options),
            c.DataPath,
            c.TrainSamples,
            c.StepsPerEpoch,
            c.AdamSteps,
            c.History,
            c.Stopping.BestValLoss,
            c.Stopping.Wait,
            c.StartedUtc.ToUniversalTime(),
            c.TrainSeconds,
            c.Stopping.BestEpoch,
            c.Stopping.StoppedEpoch,
            unfinished?.Epoch,
            unfinished?.StepsDone,
            unfinished?.Seconds);

        int p = c.Parameters.Length;
        var arrays = new List<NamedArray>
        {
            new("parameters", c.Parameters, [p]),
            new("adam_m", c.FirstMoment, [p]),
            new("adam_v", c.SecondMoment, [p]),
        };
        if (c.BestParameters is not null)
        {
            arrays.Add(new("best_parameters", c.BestParameters, [p]));
        }

        if (unfinished is not null)
        {
            arrays.Add(new("epoch_metrics", unfinished.MetricSums, [unfinished.MetricSums.Length / 2, 2]));
        }

        // Weights do not compress; storing keeps a checkpoint per epoch cheap.
        NpzWriter.Write(path, arrays, [new(StateEntry, OutputJson.Serialize(state))], CompressionLevel.NoCompression);
    }

    /// <summary>
    /// Reads a checkpoint and checks it is whole: a known format, array lengths matching the model,
    /// a consistent position. Throws <see cref="UserErrorException"/> naming the file otherwise.
    /// </summary>
    public static TrainingCheckpoint Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var npz = NpzFloatReader.Open(path, Hint);
        var state = ReadState(npz);
        var options = state.Options.ToOptions(state.DataPath)
            ?? throw Invalid(path, $"its accelerator '{state.Options.Accelerator}' or data format "
                + $"'{state.Options.DataFormat}' is not one this gpuimdb knows.");
        try
        {
            options.Validate();
        }
        catch (UserErrorException e)
        {
            throw Invalid(path, $"its options are not valid: {UserMessages.Clause(e.Message)}", e);
        }

        int p = options.Model.ParameterCount;
        float[] Vector(string name)
        {
            var values = npz.Read(name).Values;
            return values.Length == p
                ? values
                : throw Invalid(path, $"'{name}' has {values.Length} values but the model has {p} parameters.");
        }

        var parameters = Vector("parameters");
        var firstMoment = Vector("adam_m");
        var secondMoment = Vector("adam_v");
        var best = npz.Contains("best_parameters") ? Vector("best_parameters") : null;
        var stopping = new EarlyStopping(options.Patience, state.BestEpoch, state.BestValLoss,
            state.EpochsWithoutImprovement, state.StoppedEpoch);
        if (options.RestoreBest && state.BestEpoch is not null && best is null)
        {
            throw Invalid(path, "it restores the best weights but holds no 'best_parameters'.");
        }

        CheckHistory(path, state);
        return new TrainingCheckpoint(options, state.DataPath, state.TrainSamples, state.StepsPerEpoch,
            state.History, state.AdamSteps, parameters, firstMoment, secondMoment, stopping, best,
            Unfinished(npz, state), state.StartedUtc, state.TrainSeconds);
    }

    private static CheckpointState ReadState(NpzFloatReader npz)
    {
        string text = npz.ReadText(StateEntry);
        CheckpointState? state;
        try
        {
            state = JsonSerializer.Deserialize<CheckpointState>(text, OutputJson.Options);
        }
        catch (JsonException e)
        {
            throw Invalid(npz.Path, $"its {StateEntry} is not valid: {UserMessages.Clause(e.Message)}", e);
        }

        if (state is null || state.Format != CheckpointState.FormatName)
        {
            throw Invalid(npz.Path, $"its {StateEntry} does not say format \"{CheckpointState.FormatName}\".");
        }

        if (state.Version != CheckpointState.CurrentVersion)
        {
            throw Invalid(npz.Path,
                $"it has version {state.Version}; this gpuimdb reads version {CheckpointState.CurrentVersion}.");
        }

        return state;
    }

    private static void CheckHistory(string path, CheckpointState state)
    {
        for (int i = 0; i < state.History.Count; i++)
        {
            if (state.History[i].Epoch != i + 1)
            {
                throw Invalid(path, $"its history lists epoch {state.History[i].Epoch} in place {i + 1}.");
            }
        }

        if (state.AdamSteps < 0 || state.StepsPerEpoch <= 0 || state.TrainSamples <= 0)
        {
            throw Invalid(path, "its step counts are negative or zero.");
        }
    }

    private static PartialEpoch? Unfinished(NpzFloatReader npz, CheckpointState state)
    {
        if (state.UnfinishedEpoch is not int epoch)
        {
            return null;
        }

        int steps = state.UnfinishedSteps ?? 0;
        if (epoch != state.History.Count + 1 || steps < 1 || steps >= state.StepsPerEpoch)
        {
            throw Invalid(npz.Path,
                $"it stopped in epoch {epoch} after step {steps}, which does not follow its "
                + $"{state.History.Count} epochs of {state.StepsPerEpoch} steps.");
        }

        var sums = npz.Read("epoch_metrics").Values;
        if (sums.Length != 2 * state.StepsPerEpoch)
        {
            throw Invalid(npz.Path,
                $"'epoch_metrics' has {sums.Length} values; expected 2 per step ({2 * state.StepsPerEpoch}).");
        }

        return new PartialEpoch(epoch, steps, sums, state.UnfinishedSeconds ?? 0);
    }

    private static UserErrorException Invalid(string path, string reason, Exception? inner = null)
    {
        string message = $"{path} is not a usable gpuimdb checkpoint: {reason} {Hint}";
        return inner is null ? new UserErrorException(message) : new UserErrorException(message, inner);
    }
}
