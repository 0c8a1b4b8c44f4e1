using ILGPU;
using ILGPU.Runtime;

namespace GpuImdb.Kernels;

/// <summary>An ILGPU context and the one accelerator chosen in it; disposing frees both.</summary>
public sealed class ComputeDevice : IDisposable
{
    internal ComputeDevice(Context context, Accelerator accelerator, AcceleratorKind kind, string reason)
    {
        Context = context;
        Accelerator = accelerator;
        Kind = kind;
        SelectionReason = reason;
    }

    /// <summary>The ILGPU context that owns <see cref="Accelerator"/>.</summary>
    public Context Context { get; }

    /// <summary>The accelerator every kernel runs on.</summary>
    public Accelerator Accelerator { get; }

    /// <summary>The kind that was chosen (never <see cref="AcceleratorKind.Auto"/>).</summary>
    public AcceleratorKind Kind { get; }

    /// <summary>Why this device was chosen, in words for the user.</summary>
    public string SelectionReason { get; }

    /// <summary>A one-line description: kind, name and memory or thread configuration.</summary>
    public string Description => Kind switch
    {
        AcceleratorKind.Cpu => $"CPU accelerator (ILGPU), {Accelerator.MaxNumThreads} threads: "
            + $"{Accelerator.NumMultiprocessors} multiprocessors × {Accelerator.MaxNumThreadsPerGroup} "
            + $"threads per group (warp {Accelerator.WarpSize})",
        _ => $"{KindName(Kind)} {Accelerator.Name}, {Accelerator.MemorySize / (1024.0 * 1024 * 1024):F1} GiB",
    };

    /// <summary>The user-facing name of an accelerator kind.</summary>
    public static string KindName(AcceleratorKind kind) => kind switch
    {
        AcceleratorKind.Cuda => "CUDA",
        AcceleratorKind.OpenCL => "OpenCL",
        AcceleratorKind.Cpu => "CPU",
        _ => "auto",
    };

    /// <inheritdoc/>
    public void Dispose()
    {
        Accelerator.Dispose();
        Context.Dispose();
    }
}
