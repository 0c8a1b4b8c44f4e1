using GpuImdb.Kernels.Tests.Reference;

namespace GpuImdb.Kernels.Tests;

public class MeanPoolTests
{
    private const int B = 3;
    private const int T = 7;
    private const int E = 5;

    [SkippableTheory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void Forward_matches_reference(AcceleratorKind backend)
    {
        var accelerator = Backends.Get(backend);
        var input = TestData.Floats(B * T * E, seed: 10);
        var expected = new float[B * E];
        MeanPoolReference.Forward(input, expected, B, T, E);

        using var inputBuffer = accelerator.Allocate1D(input);
        using var pooled = accelerator.Allocate1D<float>(B * E);
        new MeanPool(accelerator).Forward(inputBuffer.View, pooled.View, B, T, E);

        Check.Close(expected, pooled.GetAsArray1D(), Tolerance.Reduction, "pooled");
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void Forward_divides_by_the_padded_length_padding_included(AcceleratorKind backend)
    {
        var accelerator = Backends.Get(backend);
        var input = new float[1 * 4 * 1];
        input[0] = 8f;

        using var inputBuffer = accelerator.Allocate1D(input);
        using var pooled = accelerator.Allocate1D<float>(1);
        new MeanPool(accelerator).Forward(inputBuffer.View, pooled.View, 1, 4, 1);

        Assert.Equal(2f, pooled.GetAsArray1D()[0]);
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void Backward_matches_reference(AcceleratorKind backend)
    {
        var accelerator = Backends.Get(backend);
        var dPooled = TestData.Floats(B * E, seed: 11);
        var expected = new float[B * T * E];
        MeanPoolReference.Backward(dPooled, expected, B, T, E);

        using var dPooledBuffer = accelerator.Allocate1D(dPooled);
        using var dInput = accelerator.Allocate1D<float>(B * T * E);
        new MeanPool(accelerator).Backward(dPooledBuffer.View, dInput.View, B, T, E);

        Check.Close(expected, dInput.GetAsArray1D(), Tolerance.Elementwise, "dInput");
    }
}
