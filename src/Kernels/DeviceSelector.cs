using System.Runtime.InteropServices;
using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;
using ILGPU.Runtime.OpenCL;

namespace GpuImdb.Kernels;

/// <summary>Finds ILGPU devices and opens the one the user asked for, never falling back silently.</summary>
public static class DeviceSelector
{
    /// <summary>
    /// The CPU accelerator's shape for this machine: one multiprocessor per core, two threads per
    /// group. Kernels launch one logical thread per simulator thread (see <see cref="LaunchSize"/>).
    /// </summary>
    // NOTE: ILGPU's stock CPU presets have a single multiprocessor, so only one group runs at a time
    // and a second core idles; small groups also cut the per-launch barrier cost.
    public static CPUDevice CreateCpuDevice()
    {
        int cores = Math.Max(1, Environment.ProcessorCount);
        return new CPUDevice(numThreadsPerWarp: 2, numWarpsPerMultiprocessor: 1, numMultiprocessors: cores);
    }

    /// <summary>
    /// Opens a device of <paramref name="kind"/>, or throws <see cref="DeviceUnavailableException"/>.
    /// </summary>
    /// <param name="kind">The kind asked for; <see cref="AcceleratorKind.Auto"/> picks the best usable one.</param>
    /// <param name="deviceIndex">Which of several devices of that kind (0-based); null for the first.</param>
    public static ComputeDevice Open(AcceleratorKind kind, int? deviceIndex = null)
    {
        var context = CreateContext();
        try
        {
            return OpenIn(context, kind, deviceIndex);
        }
        catch
        {
            context.Dispose();
            throw;
        }
    }

    /// <summary>Every device ILGPU can see here, with whether this tool can use it and why not.</summary>
    public static IReadOnlyList<DeviceReport> Survey()
    {
        using var context = CreateContext();
        var reports = new List<DeviceReport>();
        AddReports(reports, List(context.GetCudaDevices()), AcceleratorKind.Cuda);
        AddReports(reports, List(context.GetCLDevices()), AcceleratorKind.OpenCL);
        AddReports(reports, List(context.GetCPUDevices()), AcceleratorKind.Cpu);
        return reports;
    }

    /// <summary>Why no device of <paramref name="kind"/> shows up at all, in words for the user.</summary>
    public static string WhyNone(AcceleratorKind kind) => kind switch
    {
        AcceleratorKind.Cuda => HasLibrary("libcuda.so") || HasLibrary("libcuda.so.1")
            ? "the CUDA driver is installed but reports no usable device"
            : "no NVIDIA driver was found (libcuda.so is not installed)",
        AcceleratorKind.OpenCL => HasLibrary("libOpenCL.so")
            ? "no OpenCL platform reports a device"
            : "libOpenCL.so was not found (on Debian: apt-get install ocl-icd-opencl-dev and a GPU's "
                + "OpenCL driver)",
        _ => "",
    };

    private static Context CreateContext() =>
        Context.Create(builder => builder
            .Cuda()
            .OpenCL(_ => true)
            .CPU(CreateCpuDevice()));

    private static ComputeDevice OpenIn(Context context, AcceleratorKind kind, int? deviceIndex)
    {
        switch (kind)
        {
            case AcceleratorKind.Cuda:
                return OpenCuda(context, deviceIndex, "asked for with --accelerator cuda");
            case AcceleratorKind.OpenCL:
                return OpenOpenCL(context, deviceIndex, "asked for with --accelerator opencl");
            case AcceleratorKind.Cpu:
                return OpenCpu(context, deviceIndex, "asked for with --accelerator cpu");
            default:
                if (List(context.GetCudaDevices()).Count > 0)
                {
                    return OpenCuda(context, deviceIndex, "auto: a CUDA device is present");
                }

                if (List(context.GetCLDevices()).Any(UsableOpenCL))
                {
                    return OpenOpenCL(context, deviceIndex, "auto: no CUDA device; a usable OpenCL device is present");
                }

                string reason = $"auto: no usable GPU (CUDA: {WhyNone(AcceleratorKind.Cuda)}; "
                    + $"OpenCL: {DescribeOpenCLAbsence(context)})";
                return OpenCpu(context, deviceIndex, reason);
        }
    }

    private static ComputeDevice OpenCuda(Context context, int? deviceIndex, string reason)
    {
        var devices = List(context.GetCudaDevices());
        if (devices.Count == 0)
        {
            throw new DeviceUnavailableException(
                $"No CUDA device found: {WhyNone(AcceleratorKind.Cuda)}. Pass --accelerator cpu to run on "
                + "ILGPU's CPU accelerator, or check the NVIDIA driver with nvidia-smi.");
        }

        var device = Pick(devices, deviceIndex, "CUDA");
        return new ComputeDevice(context, device.CreateAccelerator(context), AcceleratorKind.Cuda, reason);
    }

    private static ComputeDevice OpenOpenCL(Context context, int? deviceIndex, string reason)
    {
        var usable = List(context.GetCLDevices()).Where(UsableOpenCL).ToList();
        if (usable.Count == 0)
        {
            throw new DeviceUnavailableException(
                $"No usable OpenCL device found: {DescribeOpenCLAbsence(context)}. Pass --accelerator cpu "
                + "to run on ILGPU's CPU accelerator.");
        }

        var device = Pick(usable, deviceIndex, "OpenCL");
        return new ComputeDevice(context, device.CreateAccelerator(context), AcceleratorKind.OpenCL, reason);
    }

    private static ComputeDevice OpenCpu(Context context, int? deviceIndex, string reason)
    {
        var device = Pick(List(context.GetCPUDevices()), deviceIndex, "CPU accelerator");
        return new ComputeDevice(context, device.CreateAccelerator(context), AcceleratorKind.Cpu, reason);
    }

    private static List<T> List<T>(Context.DeviceCollection<T> devices)
        where T : Device
    {
        var list = new List<T>();
        foreach (var device in devices)
        {
            list.Add(device);
        }

        return list;
    }

    private static T Pick<T>(IReadOnlyList<T> devices, int? deviceIndex, string kindName)
        where T : Device
    {
        int index = deviceIndex ?? 0;
        if (index < 0 || index >= devices.Count)
        {
            throw new DeviceUnavailableException(
                $"--device {index} does not exist: {devices.Count} usable {kindName} device(s) found, "
                + $"numbered 0 to {devices.Count - 1}. Run 'gpuimdb devices' to list them.");
        }

        return devices[index];
    }

    // ILGPU's OpenCL backend emits code that needs OpenCL C 2.0's generic address space.
    private static bool UsableOpenCL(CLDevice device) => device.Capabilities.GenericAddressSpace;

    private static string DescribeOpenCLAbsence(Context context)
    {
        var devices = List(context.GetCLDevices());
        if (devices.Count == 0)
        {
            return WhyNone(AcceleratorKind.OpenCL);
        }

        var names = string.Join(", ", devices.Select(d => $"'{d.Name}'"));
        return $"{names} lack(s) the OpenCL C 2.0 generic address space that ILGPU's OpenCL backend needs";
    }

    private static void AddReports<T>(List<DeviceReport> reports, IReadOnlyList<T> devices, AcceleratorKind kind)
        where T : Device
    {
        if (devices.Count == 0 && kind != AcceleratorKind.Cpu)
        {
            reports.Add(DeviceReport.Missing(kind, WhyNone(kind)));
            return;
        }

        for (int i = 0; i < devices.Count; i++)
        {
            reports.Add(DeviceReport.From(devices[i], kind, i));
        }
    }

    private static bool HasLibrary(string name)
    {
        if (!NativeLibrary.TryLoad(name, out var handle))
        {
            return false;
        }

        NativeLibrary.Free(handle);
        return true;
    }
}
