using System.CommandLine;
using System.Text.Json;
using GpuImdb.Trainer.Training;

namespace GpuImdb.Cli.Commands;

/// <summary><c>gpuimdb bench</c>: real training on the real data, timed phase by phase.</summary>
internal static class BenchCommand
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Command Create()
    {
        var accelerator = AcceleratorOption.Create();
        var device = AcceleratorOption.CreateDeviceIndex();
        var data = DataOptions.Create();
        var epochs = new Option<int>("--epochs", "-e")
        {
            Description = "Timed epochs (one more, profiled, follows)",
            DefaultValueFactory = _ => 5,
        }.AtLeast(1);
        var json = new Option<bool>("--json") { Description = "Print one JSON object" };
        var command = new Command("bench", "Time training on the real data: start-up, epochs, phases, memory");
        foreach (var option in (Option[])[accelerator, device, .. data.All, epochs, json])
        {
            command.Options.Add(option);
        }

        command.SetAction(parseResult => CommandErrors.Run(parseResult, writer =>
        {
            using var cancellation = CancelOnCtrlC.Create();
            var options = new TrainerOptions
            {
                Accelerator = AcceleratorOption.Parse(parseResult.GetValue(accelerator)),
                DeviceIndex = parseResult.GetValue(device),
                DataPath = data.Resolve(parseResult, cancellation.Token),
                DataFormat = data.GetFormat(parseResult),
                WordIndexPath = parseResult.GetValue(data.WordIndex),
                Epochs = parseResult.GetValue(epochs),
            };
            var report = Benchmark.Run(options, ITrainingObserver.None, cancellation.Token);
            if (parseResult.GetValue(json))
            {
                writer.WriteLine(JsonSerializer.Serialize(report, JsonOptions));
            }
            else
            {
                Render(writer, report);
            }

            return 0;
        }));
        return command;
    }

    private static void Render(TextWriter w, BenchmarkReport r)
    {
        w.WriteLine($"Device:      {r.Accelerator}");
        w.WriteLine($"Start-up:    data {r.DataSeconds:F2} s, context {r.DeviceSeconds:F2} s, "
            + $"kernels + upload {r.SessionSeconds:F2} s");
        foreach (var e in r.Epochs)
        {
            w.WriteLine($"Epoch {e.Epoch,3}:   train {e.TrainSeconds:F3} s, validation {e.ValidationSeconds:F3} s, "
                + $"val_accuracy {e.ValAccuracy:F4}");
        }

        w.WriteLine($"Median:      {r.MedianEpochSeconds:F3} s per epoch (train {r.MedianTrainSeconds:F3} s, "
            + $"validation {r.MedianValidationSeconds:F3} s), {r.MsPerStep:F1} ms per step");
        w.WriteLine($"Launches:    {r.LaunchesPerStep:F1} kernel launches per step; "
            + $"{r.TransfersPerEpoch} host-device transfers per epoch");
        w.WriteLine("Phases of one profiled epoch (synchronised after each phase):");
        double total = r.Phases.Sum(p => p.Seconds);
        int width = r.Phases.Max(p => p.Phase.Length);
        foreach (var p in r.Phases)
        {
            w.WriteLine($"  {p.Phase.PadRight(width)} {p.Seconds * 1000,8:F1} ms  {100 * p.Seconds / total,5:F1}%");
        }

        w.WriteLine($"Peak memory: {r.PeakMemoryMb:F0} MiB resident");
    }
}
