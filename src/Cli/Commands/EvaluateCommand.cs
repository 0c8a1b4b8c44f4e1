using System.CommandLine;
using System.Text.Json;
using GpuImdb.Cli.Rendering;
using GpuImdb.Trainer.Prediction;

namespace GpuImdb.Cli.Commands;

/// <summary><c>gpuimdb evaluate</c>: a saved model's loss and accuracy on the test reviews.</summary>
internal static class EvaluateCommand
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public static Command Create()
    {
        var model = ModelOption.Create();
        var data = new Option<string?>("--data")
        {
            Description = "Keras's imdb.npz, Stanford's aclImdb_v1.tar.gz or its aclImdb folder; raw reviews are "
                + "read with the model's word index (default: the data the model was trained on)",
        };
        var accelerator = AcceleratorOption.Create();
        var device = AcceleratorOption.CreateDeviceIndex();
        var json = new Option<bool>("--json") { Description = "Print one JSON object" };
        var command = new Command("evaluate", "Print a trained model's loss and accuracy on the 25,000 test reviews")
        {
            model, data, accelerator, device, json,
        };
        command.SetAction(parseResult => CommandErrors.Run(parseResult, writer =>
        {
            var saved = SavedModel.Load(parseResult.GetValue(model)!);
            var result = ModelEvaluator.Evaluate(saved, parseResult.GetValue(data),
                AcceleratorOption.Parse(parseResult.GetValue(accelerator)), parseResult.GetValue(device));
            if (parseResult.GetValue(json))
            {
                writer.WriteLine(JsonSerializer.Serialize(new
                {
                    test_loss = result.Loss,
                    test_accuracy = result.Accuracy,
                    samples = result.Samples,
                    model = saved.Directory,
                    data = result.DataPath,
                    accelerator = result.Device,
                }, JsonOptions));
                return 0;
            }

            writer.WriteLine($"Device:   {result.Device}");
            writer.WriteLine($"          ({result.DeviceReason})");
            writer.WriteLine($"Model:    {saved.Directory} ({ModelOption.Describe(saved)})");
            writer.WriteLine($"Data:     {result.DataPath} (read in {result.DataSeconds:F1} s)");
            writer.WriteLine(ConsoleTrainingObserver.TestLine(result.Loss, result.Accuracy, result.Samples));
            return 0;
        }));
        return command;
    }
}
