using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using GpuImdb.Kernels;

namespace GpuImdb.Cli.Commands;

/// <summary><c>gpuimdb devices</c>: every device ILGPU sees and whether this tool can use it.</summary>
internal static class DevicesCommand
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print one JSON array for scripts" };
        var command = new Command("devices", "List the CUDA, OpenCL and CPU devices ILGPU can see") { json };
        command.SetAction(parseResult => CommandErrors.Run(parseResult, writer =>
        {
            var reports = DeviceSelector.Survey();
            if (parseResult.GetValue(json))
            {
                var rows = reports.Select(r => new
                {
                    kind = ComputeDevice.KindName(r.Kind),
                    index = r.Index < 0 ? (int?)null : r.Index,
                    name = r.Name,
                    memory_bytes = r.Kind == AcceleratorKind.Cpu ? (long?)null : r.MemoryBytes,
                    threads = r.Multiprocessors * r.MaxGroupSize,
                    warp_size = r.WarpSize,
                    max_group_size = r.MaxGroupSize,
                    multiprocessors = r.Multiprocessors,
                    version = r.Version,
                    usable = r.Usable,
                    note = r.Note,
                });
                writer.WriteLine(JsonSerializer.Serialize(rows, JsonOptions));
                return 0;
            }

            foreach (var r in reports)
            {
                string kind = ComputeDevice.KindName(r.Kind);
                if (r.Index < 0)
                {
                    writer.WriteLine($"{kind,-7} none: {r.Note}");
                    continue;
                }

                if (r.Kind == AcceleratorKind.Cpu)
                {
                    int threads = r.Multiprocessors * r.MaxGroupSize;
                    writer.WriteLine($"{kind,-7} #{r.Index} ILGPU CPU accelerator: {threads} threads "
                        + $"({r.Multiprocessors} multiprocessors, one per core, × groups of {r.MaxGroupSize}, "
                        + $"warp {r.WarpSize}); each kernel launch runs {threads} logical threads");
                }
                else
                {
                    string version = r.Version.Length > 0 ? $", {r.Version}" : "";
                    writer.WriteLine($"{kind,-7} #{r.Index} {r.Name}, "
                        + $"{r.MemoryBytes / (1024.0 * 1024 * 1024):F1} GiB{version}, warp {r.WarpSize}, "
                        + $"groups of up to {r.MaxGroupSize}, {r.Multiprocessors} multiprocessors");
                }

                writer.WriteLine(r.Usable ? "        usable" : $"        not usable: {r.Note}");
            }

            return 0;
        }));
        return command;
    }
}
