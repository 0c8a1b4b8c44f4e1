namespace GpuImdb.Kernels.Tests;

public class ShapeCheckTests
{
    [SkippableFact]
    public void Dense_forward_names_the_view_that_is_too_small()
    {
        var accelerator = Backends.Get(AcceleratorKind.Cpu);
        using var input = accelerator.Allocate1D<float>(2 * 20);
        using var weights = accelerator.Allocate1D<float>(16 * 4);
        using var bias = accelerator.Allocate1D<float>(4);
        using var output = accelerator.Allocate1D<float>(2 * 4);

        var error = Assert.Throws<ArgumentException>(() => new Dense(accelerator).Forward(
            input.View, weights.View, bias.View, output.View, 2, 20, 4, relu: false));

        Assert.Contains("Dense forward: weights holds 64 elements but 80 are needed", error.Message);
    }
}
