using System.Diagnostics;
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

    /// <summary>
    /// Runs <paramref name="build"/> (which loads kernels) and turns a kernel build failure (an
    /// exception from ILGPU) into a <see cref="DeviceUnavailableException"/> that carries the
    /// compiler's log; other exceptions pass through unchanged.
    /// </summary>
    /// <remarks>
    /// ILGPU reports OpenCL build errors only to <see cref="Trace"/>, with an empty exception
    /// message, so the trace output is collected while the kernels compile.
    /// </remarks>
    public T CompileKernels<T>(Func<T> build)
    {
        ArgumentNullException.ThrowIfNull(build);
        using var log = new StringWriter();
        using var listener = new TextWriterTraceListener(log);
        Trace.Listeners.Add(listener);
        try
        {
            return build();
        }
        catch (Exception e) when (e.GetType().Namespace?.StartsWith("ILGPU", StringComparison.Ordinal) == true)
        {
            listener.Flush();
            string compilerLog = log.ToString().Trim();
            throw new DeviceUnavailableException(
                $"Building the kernels failed on {Description}: {e.GetType().Name}: {e.Message}"
                + (compilerLog.Length > 0 ? $"\nCompiler log:\n{compilerLog}" : " (the compiler left no log)")
                + (Kind == AcceleratorKind.Cpu ? "" : "\nPass --accelerator cpu to run on ILGPU's CPU accelerator."),
                e);
        }
        finally
        {
            Trace.Listeners.Remove(listener);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Accelerator.Dispose();
        Context.Dispose();
    }
}
