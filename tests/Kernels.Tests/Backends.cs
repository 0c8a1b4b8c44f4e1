
namespace GpuImdb.Kernels.Tests;

/// <summary>
/// The accelerators the kernel tests run on: ILGPU's CPU accelerator always, CUDA and OpenCL when
/// this machine has a usable device. Each is opened once per test run and shared.
/// </summary>
public static class Backends
{
    private static readonly Dictionary<AcceleratorKind, Lazy<(ComputeDevice? Device, string Why)>> Opened =
        new()
        {
            [AcceleratorKind.Cpu] = new(() => Open(AcceleratorKind.Cpu)),
            [AcceleratorKind.Cuda] = new(() => Open(AcceleratorKind.Cuda)),
            [AcceleratorKind.OpenCL] = new(() => Open(AcceleratorKind.OpenCL)),
        };

    /// <summary>Theory data: every backend, so each test runs (or is skipped) once per backend.</summary>
    public static TheoryData<AcceleratorKind> All => new()
    {
        AcceleratorKind.Cpu,
        AcceleratorKind.Cuda,
        AcceleratorKind.OpenCL,
    };

    /// <summary>The shared accelerator of <paramref name="kind"/>, or a skip with the reason.</summary>
    public static Accelerator Get(AcceleratorKind kind)
    {
        var (device, why) = Opened[kind].Value;
        Skip.If(device is null, $"no usable {ComputeDevice.KindName(kind)} device: {why}");
        return device!.Accelerator;
    }

    private static (ComputeDevice? Device, string Why) Open(AcceleratorKind kind)
    {
        try
        {
            return (DeviceSelector.Open(kind), "");
        }
        catch (DeviceUnavailableException e)
        {
            return (null, e.Message);
        }
    }
}
