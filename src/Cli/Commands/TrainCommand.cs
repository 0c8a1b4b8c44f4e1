using System.CommandLine;
using GpuImdb.Cli.Rendering;
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
        var output = new Option<string?>("--output", "-o")
        {
            Description = "Folder for history.csv/json, metrics.json, weights.npz, loss.png and accuracy.png "
                + "(and word_index.json when the run built its own word index)",
        };

        var command = new Command("train", "Train the model, validate every epoch, then test");
        Option[] all =
        [
            accelerator, device, .. data.All, epochs, batchSize, maxLength, vocabSize, embeddingDim, hiddenUnits,
            validationSize, learningRate, seed, output,
        ];
        foreach (var option in all)
        {
            command.Options.Add(option);
        }

        command.SetAction(parseResult => CommandErrors.Run(parseResult, writer =>
        {
            string? outputDir = parseResult.GetValue(output);
            var runOutput = outputDir is null ? null : RunOutput.Prepare(outputDir);

            using var cancellation = CancelOnCtrlC.Create();
            var options = new TrainerOptions
            {
                Accelerator = AcceleratorOption.Parse(parseResult.GetValue(accelerator)),
                DeviceIndex = parseResult.GetValue(device),
                DataPath = data.Resolve(parseResult, cancellation.Token),
                DataFormat = data.GetFormat(parseResult),
                WordIndexPath = parseResult.GetValue(data.WordIndex),
                Epochs = parseResult.GetValue(epochs),
                BatchSize = parseResult.GetValue(batchSize),
                ValidationSize = parseResult.GetValue(validationSize),
                LearningRate = parseResult.GetValue(learningRate),
                Seed = parseResult.GetValue(seed),
                Model = new ModelConfig(
                    parseResult.GetValue(vocabSize),
                    parseResult.GetValue(maxLength),
                    parseResult.GetValue(embeddingDim),
                    parseResult.GetValue(hiddenUnits)),
            };
            var observer = new ConsoleTrainingObserver(writer);
            var result = ImdbTrainer.Run(options, observer, cancellation.Token);
            observer.Finished(result);

            if (runOutput is not null)
            {
                runOutput.Save(result);
                string what = result.BuiltWordIndex is null
                    ? "history, metrics, weights and plots"
                    : $"history, metrics, weights, plots and {RunOutput.WordIndexFileName}";
                writer.WriteLine($"Saved {what} to {runOutput.Directory}");
            }
            else if (result.BuiltWordIndex is not null)
            {
                parseResult.InvocationConfiguration.Error.WriteLine(
                    "warning: the word index built from the training reviews was not saved; the run's ids mean "
                    + $"nothing without it. Pass --output DIR to keep it as {RunOutput.WordIndexFileName}, or "
                    + $"--word-index with Keras's {ImdbLoader.WordIndexFileName}.");
            }

            return 0;
        }));
        return command;
    }

    private static Option<int> Int(string name, string description, int defaultValue) =>
        new(name) { Description = description, DefaultValueFactory = _ => defaultValue };
}
