namespace GpuImdb.Kernels;

/// <summary>Which kind of ILGPU accelerator to run on.</summary>
public enum AcceleratorKind
{
    /// <summary>CUDA if usable, else a usable OpenCL GPU, else the CPU accelerator.</summary>
    Auto,

    /// <summary>ILGPU's CPU accelerator (a simulator of a GPU on CPU threads).</summary>
    Cpu,

    /// <summary>An NVIDIA GPU through CUDA.</summary>
    Cuda,

    /// <summary>An OpenCL 2.0 device with the generic address space (AMD or Intel GPUs).</summary>
    OpenCL,
}
