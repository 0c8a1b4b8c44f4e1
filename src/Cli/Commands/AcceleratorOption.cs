using System.CommandLine;
using GpuImdb.Kernels;

namespace GpuImdb.Cli.Commands;

/// <summary>The <c>--accelerator</c> and <c>--device</c> options shared by commands that run kernels.</summary>
internal static class AcceleratorOption
{
    public static Option<string> Create()
    {
        var option = new Option<string>("--accelerator", "-a")
        {
            Description = "Where the kernels run: auto picks CUDA, then a usable OpenCL GPU, then the CPU",
            DefaultValueFactory = _ => "auto",
        };
        option.AcceptOnlyFromAmong("auto", "cpu", "cuda", "opencl");
        return option;
    }

    public static Option<int?> CreateDeviceIndex()
    {
        var option = new Option<int?>("--device")
        {
            Description = "Which device of the chosen kind, numbered as 'gpuimdb devices' lists them",
        };
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count == 1 && int.TryParse(result.Tokens[0].Value, out int value) && value < 0)
            {
                result.AddError($"--device must be 0 or more, got {value}.");
            }
        });
        return option;
    }

    public static AcceleratorKind Parse(string? value) => value switch
    {
        "cpu" => AcceleratorKind.Cpu,
        "cuda" => AcceleratorKind.Cuda,
        "opencl" => AcceleratorKind.OpenCL,
        _ => AcceleratorKind.Auto,
    };
}
