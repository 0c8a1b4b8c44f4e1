using System.CommandLine;
using GpuImdb.Cli.Rendering;
using GpuImdb.Trainer;
using GpuImdb.Trainer.Data;
using GpuImdb.Trainer.Model;
using GpuImdb.Trainer.Output;
using GpuImdb.Trainer.Training;

namespace GpuImdb.Cli.Commands;

/// <summary><c>gpuimdb train</c>: the tutorial's recipe as defaults, every size an option.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var defaults = new TrainerOptions();
        var accelerator = AcceleratorOption.Create();
        var device = AcceleratorOption.CreateDeviceIndex();
        var data = DataOptions.Create();
        var epochs = Int("--epochs", "Passes over the training reviews", defaults.Epochs).AtLeast(1);
        var batchSize = Int("--batch-size", "Reviews per training step", defaults.BatchSize).AtLeast(1);
        var maxLength = Int("--max-length", "Tokens per review after padding or truncating",
            defaults.Model.SequenceLength).AtLeast(1);
        var vocabSize = Int("--vocab-size", "Most frequent words kept (Keras's num_words)",
            defaults.Model.VocabSize).AtLeast(4);
        var embeddingDim = Int("--embedding-dim", "Width of a word's embedding", defaults.Model.EmbeddingDim)
            .AtLeast(1);
        var hiddenUnits = Int("--hidden-units", "Units of the hidden dense layer", defaults.Model.HiddenUnits)
            .AtLeast(1);
        var validationSize = Int("--validation-size", "First training reviews held out for validation",
            defaults.ValidationSize).AtLeast(0);
        var learningRate = new Option<double>("--learning-rate")
        {
            Description = "Adam's learning rate",
            DefaultValueFactory = _ => defaults.LearningRate,
        }.Positive();
        var seed = new Option<uint>("--seed")
        {
            Description = "Seed of the initial weights and the per-epoch shuffles",
            DefaultValueFactory = _ => defaults.Seed,
        };
        var maskPadding = new Option<bool>("--mask-padding")
        {
            Description = "Average over the real tokens only, not the padding (Keras's mask_zero=True)",
        };
        var patience = new Option<int?>("--patience")
        {
            Description = "Stop when val_loss has not improved for N epochs in a row (Keras's EarlyStopping)",
            HelpName = "N",
        };
        patience.Validators.Add(result =>
        {
            if (result.Tokens.Count == 1 && int.TryParse(result.Tokens[0].Value, out int value) && value < 1)
            {
                result.AddError($"--patience must be at least 1, got {value}.");
            }
        });
        var restoreBest = new Option<bool>("--restore-best")
        {
            Description = "End with the weights of the epoch with the lowest val_loss (Keras's restore_best_weights)",
        };
        var output = new Option<string?>("--output", "-o")
        {
            Description = "Folder for the model (weights.npz, model.json and its word index), history, metrics, "
                + "plots and a checkpoint after every epoch",
        };
        var resume = new Option<string?>("--resume")
        {
            Description = "Continue the interrupted run whose --output was DIR, from its checkpoint",
            HelpName = "DIR",
        };

        // What --resume takes from the checkpoint: these change what is trained, or how.
        Option[] recipe =
        [
            data.Format, data.WordIndex, batchSize, maxLength, vocabSize, embeddingDim, hiddenUnits, validationSize,
            learningRate, seed, maskPadding, patience, restoreBest,
        ];
        var command = new Command("train", "Train the model, validate every epoch, then test");
        Option[] all =
        [
            accelerator, device, .. data.All, epochs, batchSize, maxLength, vocabSize, embeddingDim, hiddenUnits,
            validationSize, learningRate, seed, maskPadding, patience, restoreBest, output, resume,
        ];
        foreach (var option in all)
        {
            command.Options.Add(option);
        }

        command.SetAction(parseResult => CommandErrors.Run(parseResult, writer =>
        {
            bool Given(Option option) => parseResult.GetResult(option) is { Implicit: false };
            using var cancellation = CancelOnCtrlC.Create();
            RunOutput? runOutput = null;
            try
            {
                TrainerOptions options;
                TrainingCheckpoint? checkpoint = null;
                if (parseResult.GetValue(resume) is { } resumeDirectory)
                {
                    if (recipe.FirstOrDefault(Given) is { } fixedOption)
                    {
                        throw new UserErrorException(
                            $"--resume continues a run with its own recipe, so {fixedOption.Name} cannot change. "
                            + "Drop it, or start a new run without --resume.");
                    }

                    if (Given(output))
                    {
                        throw new UserErrorException(
                            $"--resume {resumeDirectory} writes into {resumeDirectory}; drop --output.");
                    }

                    (runOutput, checkpoint) = OpenCheckpoint(resumeDirectory);
                    options = checkpoint.Options with
                    {
                        Accelerator = Given(accelerator)
                            ? AcceleratorOption.Parse(parseResult.GetValue(accelerator))
                            : checkpoint.Options.Accelerator,
                        DeviceIndex = Given(device) ? parseResult.GetValue(device) : checkpoint.Options.DeviceIndex,
                        DataPath = Given(data.Data)
                            ? data.Resolve(parseResult, cancellation.Token)
                            : ExistingData(checkpoint),
                        Epochs = Given(epochs) ? parseResult.GetValue(epochs) : checkpoint.Options.Epochs,
                        CheckpointPath = runOutput.CheckpointPath,
                    };
                    CheckSomethingLeft(checkpoint, options, resumeDirectory);
                }
                else
                {
                    string? outputDirectory = parseResult.GetValue(output);
                    runOutput = outputDirectory is null ? null : RunOutput.Prepare(outputDirectory);
                    options = new TrainerOptions
                    {
                        Accelerator = AcceleratorOption.Parse(parseResult.GetValue(accelerator)),
                        DeviceIndex = parseResult.GetValue(device),
                        DataFormat = data.GetFormat(parseResult),
                        WordIndexPath = parseResult.GetValue(data.WordIndex),
                        Epochs = parseResult.GetValue(epochs),
                        BatchSize = parseResult.GetValue(batchSize),
                        ValidationSize = parseResult.GetValue(validationSize),
                        LearningRate = parseResult.GetValue(learningRate),
                        Seed = parseResult.GetValue(seed),
                        Patience = parseResult.GetValue(patience),
                        RestoreBest = parseResult.GetValue(restoreBest),
                        Model = new ModelConfig(
                            parseResult.GetValue(vocabSize),
                            parseResult.GetValue(maxLength),
                            parseResult.GetValue(embeddingDim),
                            parseResult.GetValue(hiddenUnits),
                            parseResult.GetValue(maskPadding)),
                        CheckpointPath = runOutput?.CheckpointPath,
                    };

                    // A bad combination of options or word index fails before any data is read or downloaded.
                    options.Validate();
                    if (options.WordIndexPath is not null)
                    {
                        WordIndex.Load(options.WordIndexPath);
                    }

                    options = options with { DataPath = data.Resolve(parseResult, cancellation.Token) };
                    if (runOutput is not null && File.Exists(runOutput.CheckpointPath))
                    {
                        parseResult.InvocationConfiguration.Error.WriteLine(
                            $"warning: {runOutput.Directory} holds an earlier run; this run replaces its model, "
                            + $"history, metrics, plots and checkpoint. {EarlierRun(runOutput)}");
                    }
                }

                var observer = new ConsoleTrainingObserver(writer);
                TrainingResult result;
                try
                {
                    result = ImdbTrainer.Run(options, observer, cancellation.Token, checkpoint);
                }
                catch (TrainingInterruptedException e)
                {
                    observer.Interrupted();
                    var error = parseResult.InvocationConfiguration.Error;
                    error.WriteLine(e.Message);
                    if (e.CheckpointPath is not null && runOutput is not null)
                    {
                        error.WriteLine($"Resume with: {ResumeHint.Command(runOutput.Directory)}");
                    }

                    return CommandErrors.Interrupted;
                }

                observer.Finished(result);
                Save(result, options, runOutput, writer, parseResult.InvocationConfiguration.Error);
                return 0;
            }
            catch
            {
                // A run that failed before saving anything leaves no empty --output folder behind.
                runOutput?.RemoveIfUnused();
                throw;
            }
        }));
        return command;
    }

    // The model folder, with the word index that gives the ids their words.
    private static void Save(
        TrainingResult result, TrainerOptions options, RunOutput? runOutput, TextWriter writer, TextWriter error)
    {
        if (runOutput is null)
        {
            if (result.BuiltWordIndex is not null)
            {
                error.WriteLine(
                    "warning: the word index built from the training reviews was not saved; the run's ids mean "
                    + $"nothing without it. Pass --output DIR to keep it as {RunOutput.WordIndexFileName}, or "
                    + $"--word-index with Keras's {ImdbLoader.WordIndexFileName}.");
            }

            return;
        }

        string? wordIndexSource = options.WordIndexPath ?? result.Plan.WordIndexPath
            ?? ImdbLoader.FindWordIndex(result.Plan.DataPath);
        runOutput.Save(result, wordIndexSource);
        string? wordIndexFile = result.BuiltWordIndex is not null ? RunOutput.WordIndexFileName
            : wordIndexSource is not null ? ImdbLoader.WordIndexFileName
            : null;
        string model = "weights.npz, model.json" + (wordIndexFile is null ? "" : $", {wordIndexFile}");
        writer.WriteLine($"Saved the model ({model}), history, metrics and plots to {runOutput.Directory}");
    }

    private static (RunOutput Output, TrainingCheckpoint Checkpoint) OpenCheckpoint(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new UserErrorException(
                $"--resume {directory}: no such folder. Give the --output folder of the run to continue.");
        }

        var runOutput = RunOutput.Prepare(directory);
        if (!File.Exists(runOutput.CheckpointPath))
        {
            throw new UserErrorException(
                $"--resume {directory}: the folder has no {TrainingCheckpoint.FileName}. Give the --output folder "
                + "of a run that was trained with --output and interrupted.");
        }

        return (runOutput, CheckpointFile.Read(runOutput.CheckpointPath));
    }

    // What the earlier run in an output folder was, and whether it can still be resumed.
    private static string EarlierRun(RunOutput runOutput)
    {
        TrainingCheckpoint earlier;
        try
        {
            earlier = CheckpointFile.Read(runOutput.CheckpointPath);
        }
        catch (UserErrorException)
        {
            return "Its checkpoint cannot be read, so it could not be resumed anyway.";
        }

        string resume = ResumeHint.Command(runOutput.Directory);
        if (earlier.Stopping.StoppedEpoch is int stopped)
        {
            return $"That run had stopped early after epoch {stopped}.";
        }

        return earlier.Unfinished is null && earlier.CompletedEpochs >= earlier.Options.Epochs
            ? $"That run had finished its {earlier.CompletedEpochs} epochs; to train it further instead: {resume} "
                + "--epochs N (a larger total)"
            : $"That run was interrupted after {earlier.CompletedEpochs} of {earlier.Options.Epochs} epochs; to "
                + $"continue it instead: {resume}";
    }

    private static string ExistingData(TrainingCheckpoint checkpoint) =>
        File.Exists(checkpoint.DataPath) || Directory.Exists(checkpoint.DataPath)
            ? checkpoint.DataPath
            : throw new UserErrorException(
                $"The run was trained on {checkpoint.DataPath}, which no longer exists. Pass --data PATH with the "
                + "same data.");

    private static void CheckSomethingLeft(TrainingCheckpoint checkpoint, TrainerOptions options, string directory)
    {
        if (checkpoint.Stopping.StoppedEpoch is int stopped)
        {
            throw new UserErrorException(
                $"The run in {directory} already stopped early after epoch {stopped} (val_loss last improved in "
                + $"epoch {checkpoint.Stopping.BestEpoch}); there is nothing to resume.");
        }

        if (checkpoint.Unfinished is null && checkpoint.CompletedEpochs >= options.Epochs)
        {
            throw new UserErrorException(
                $"The run in {directory} already finished its {checkpoint.CompletedEpochs} epochs. To train it "
                + $"further, pass --epochs with a larger total than {checkpoint.CompletedEpochs}.");
        }

        if (checkpoint.Unfinished is { } unfinished && options.Epochs < unfinished.Epoch)
        {
            throw new UserErrorException(
                $"--epochs {options.Epochs} ends before epoch {unfinished.Epoch}, which the run in {directory} is "
                + $"in the middle of. Pass --epochs {unfinished.Epoch} or more.");
        }
    }

    private static Option<int> Int(string name, string description, int defaultValue) =>
        new(name) { Description = description, DefaultValueFactory = _ => defaultValue };
}
