using System.CommandLine;
using GpuImdb.Cli.Rendering;
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
        var data = new Option<string?>("--data")
        {
            Description = "Keras's imdb.npz (default: $GPUIMDB_DATA, ~/.keras/datasets/imdb.npz, "
                + "~/.cache/gpuimdb/imdb.npz)",
        };
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
            Description = "Folder for history.csv/json, metrics.json, weights.npz, loss.png and accuracy.png",
        };

        var command = new Command("train", "Train the model, validate every epoch, then test")
        {
            accelerator, device, data, epochs, batchSize, maxLength, vocabSize, embeddingDim, hiddenUnits,
            validationSize, learningRate, seed, output,
        };
        command.SetAction(parseResult => CommandErrors.Run(parseResult, writer =>
        {
            var options = new TrainerOptions
            {
                Accelerator = AcceleratorOption.Parse(parseResult.GetValue(accelerator)),
                DeviceIndex = parseResult.GetValue(device),
                DataPath = parseResult.GetValue(data),
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
            string? outputDir = parseResult.GetValue(output);
            var runOutput = outputDir is null ? null : RunOutput.Prepare(outputDir);

            using var cancellation = CancelOnCtrlC.Create();
            var observer = new ConsoleTrainingObserver(writer);
            var result = ImdbTrainer.Run(options, observer, cancellation.Token);
            observer.Finished(result);

            if (runOutput is not null)
            {
                runOutput.Save(result);
                writer.WriteLine($"Saved history, metrics, weights and plots to {runOutput.Directory}");
            }

            return 0;
        }));
        return command;
    }

    private static Option<int> Int(string name, string description, int defaultValue) =>
        new(name) { Description = description, DefaultValueFactory = _ => defaultValue };
}
