using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;
using ILGPU.Runtime.OpenCL;

namespace GpuImdb.Kernels;

/// <summary>What <c>gpuimdb devices</c> shows about one device, or about a missing kind.</summary>
/// <param name="Kind">CUDA, OpenCL or CPU.</param>
/// <param name="Index">0-based number among usable devices of its kind (for --device), or -1.</param>
/// <param name="Name">The device's name, or "(none)" for a missing kind.</param>
/// <param name="MemoryBytes">Device memory in bytes (0 when unknown or missing).</param>
/// <param name="WarpSize">Threads per warp.</param>
/// <param name="MaxGroupSize">Most threads in one group.</param>
/// <param name="Multiprocessors">Multiprocessors (CPU accelerator: groups run at once).</param>
/// <param name="Version">CUDA architecture or OpenCL C version; empty for the CPU accelerator.</param>
/// <param name="Usable">Whether this tool can run its kernels on the device.</param>
/// <param name="Note">Why not, when <paramref name="Usable"/> is false; otherwise a remark or "".</param>
public sealed record DeviceReport(
    AcceleratorKind Kind,
    int Index,
    string Name,
    long MemoryBytes,
    int WarpSize,
    int MaxGroupSize,
    int Multiprocessors,
    string Version,
    bool Usable,
    string Note)
{
    internal static DeviceReport Missing(AcceleratorKind kind, string why) =>
        new(kind, -1, "(none)", 0, 0, 0, 0, "", false, why);

    internal static DeviceReport From(Device device, AcceleratorKind kind, int index)
    {
        string version = device switch
        {
            CudaDevice cuda => cuda.Architecture?.ToString() ?? "unknown architecture",
            CLDevice cl => $"OpenCL C {cl.CVersion}",
            _ => "",
        };
        bool usable = device is not CLDevice clDevice || clDevice.Capabilities.GenericAddressSpace;
        string note = usable
            ? ""
            : "lacks the OpenCL C 2.0 generic address space that ILGPU's OpenCL backend needs";
        return new DeviceReport(kind, index, device.Name, device.MemorySize, device.WarpSize,
            device.MaxNumThreadsPerGroup, device.NumMultiprocessors, version, usable, note);
    }
}
