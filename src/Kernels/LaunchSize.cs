using ILGPU.Runtime;

namespace GpuImdb.Kernels;

/// <summary>
/// Chooses how many logical threads a grid-stride kernel is launched with.
/// </summary>
/// <remarks>
/// Every kernel in this library walks its work items with a grid-stride loop
/// (<c>for (i = index; i &lt; count; i += stride)</c>), so the launch size is a tuning choice, not a
/// correctness one. On a GPU we launch one thread per work item, up to a few waves of the device.
/// On ILGPU's CPU accelerator, which simulates every logical thread at a cost of microseconds, we
/// launch exactly as many logical threads as it has OS threads and let each run a long loop.
/// </remarks>
public static class LaunchSize
{
    /// <summary>Waves of <see cref="Accelerator.MaxNumThreads"/> a GPU launch may span.</summary>
    private const int GpuWaves = 4;

    /// <summary>Logical threads for <paramref name="workItems"/> independent items.</summary>
    public static int For(Accelerator accelerator, long workItems)
    {
        ArgumentNullException.ThrowIfNull(accelerator);
        long cap = accelerator.AcceleratorType == AcceleratorType.CPU
            ? accelerator.MaxNumThreads
            : (long)accelerator.MaxNumThreads * GpuWaves;
        return (int)Math.Clamp(workItems, 1, cap);
    }
}
