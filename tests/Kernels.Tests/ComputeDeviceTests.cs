using System.Diagnostics;

namespace GpuImdb.Kernels.Tests;

public class ComputeDeviceTests
{
    [Fact]
    public void A_kernel_build_failure_carries_the_compiler_log()
    {
        using var device = DeviceSelector.Open(AcceleratorKind.Cpu);

        var error = Assert.Throws<DeviceUnavailableException>(() => device.CompileKernels<int>(() =>
        {
            Trace.WriteLine("error: use of undeclared identifier '__generic'");
            throw new ILGPU.Runtime.OpenCL.CLException("");
        }));

        Assert.Contains("Building the kernels failed on CPU accelerator", error.Message);
        Assert.Contains("Compiler log:\nerror: use of undeclared identifier '__generic'", error.Message);
        Assert.DoesNotContain("Pass --accelerator cpu", error.Message);
    }

    [Fact]
    public void An_error_that_is_not_the_compilers_passes_through_unchanged()
    {
        using var device = DeviceSelector.Open(AcceleratorKind.Cpu);

        var error = Assert.Throws<InvalidOperationException>(() =>
            device.CompileKernels<int>(() => throw new InvalidOperationException("too few reviews")));

        Assert.Equal("too few reviews", error.Message);
    }

    [Fact]
    public void A_successful_build_returns_its_result_and_leaves_no_trace_listener()
    {
        using var device = DeviceSelector.Open(AcceleratorKind.Cpu);
        int listeners = Trace.Listeners.Count;

        var dense = device.CompileKernels(() => new Dense(device.Accelerator));

        Assert.NotNull(dense);
        Assert.Equal(listeners, Trace.Listeners.Count);
    }

    [SkippableFact]
    public void Auto_on_a_machine_without_gpus_opens_the_cpu_accelerator_and_says_why()
    {
        Skip.If(DeviceSelector.Survey().Any(d => d.Kind != AcceleratorKind.Cpu && d.Usable), "a GPU is present");

        using var device = DeviceSelector.Open(AcceleratorKind.Auto);

        Assert.Equal(AcceleratorKind.Cpu, device.Kind);
        Assert.StartsWith("auto: no usable GPU (CUDA: ", device.SelectionReason);
    }

    [Fact]
    public void The_cpu_accelerator_has_one_multiprocessor_per_core()
    {
        using var device = DeviceSelector.Open(AcceleratorKind.Cpu);

        Assert.Equal(Environment.ProcessorCount, device.Accelerator.NumMultiprocessors);
        Assert.Equal(device.Accelerator.MaxNumThreads, LaunchSize.For(device.Accelerator, 1_000_000));
        Assert.Equal(3, LaunchSize.For(device.Accelerator, 3));
    }

    [Fact]
    public void A_device_number_past_the_list_is_refused_for_the_cpu_accelerator_too()
    {
        var error = Assert.Throws<DeviceUnavailableException>(() => DeviceSelector.Open(AcceleratorKind.Cpu, 5));

        Assert.Equal(
            "--device 5 does not exist: 1 usable CPU accelerator device(s) found, numbered 0 to 0. "
            + "Run 'gpuimdb devices' to list them.",
            error.Message);
    }
}
