using GpuImdb.Kernels.Tests.Reference;

namespace GpuImdb.Kernels.Tests;

public class DenseTests
{
    private const int B = 5;
    private const int I = 7;
    private const int O = 3;

    [SkippableTheory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void Forward_matches_reference_with_and_without_relu(AcceleratorKind backend)
    {
        var accelerator = Backends.Get(backend);
        var (input, weights, bias) = Inputs();
        foreach (bool relu in new[] { false, true })
        {
            var expected = new float[B * O];
            DenseReference.Forward(input, weights, bias, expected, B, I, O, relu);

            var actual = RunForward(accelerator, input, weights, bias, relu);

            Check.Close(expected, actual, Tolerance.Gemm, $"output (relu {relu})");
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void Forward_with_relu_clamps_negative_sums_to_zero(AcceleratorKind backend)
    {
        var accelerator = Backends.Get(backend);
        var (input, weights, bias) = Inputs();

        var linear = RunForward(accelerator, input, weights, bias, relu: false);
        var rectified = RunForward(accelerator, input, weights, bias, relu: true);

        Assert.Contains(linear, z => z < 0);
        Assert.Equal(linear.Select(z => Math.Max(z, 0f)), rectified);
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void Backward_matches_reference_with_and_without_relu(AcceleratorKind backend)
    {
        var accelerator = Backends.Get(backend);
        var (input, weights, bias) = Inputs();
        var dOutput = TestData.Floats(B * O, seed: 23);
        foreach (bool relu in new[] { false, true })
        {
            var output = RunForward(accelerator, input, weights, bias, relu);
            var (expectedInput, expectedWeights, expectedBias) = (new float[B * I], new float[I * O], new float[O]);
            DenseReference.Backward(input, weights, output, dOutput, expectedInput, expectedWeights, expectedBias,
                B, I, O, relu);

            using var inputBuffer = accelerator.Allocate1D(input);
            using var weightsBuffer = accelerator.Allocate1D(weights);
            using var outputBuffer = accelerator.Allocate1D(output);
            using var dOutputBuffer = accelerator.Allocate1D(dOutput);
            using var dInput = accelerator.Allocate1D<float>(B * I);
            using var dWeights = accelerator.Allocate1D<float>(I * O);
            using var dBias = accelerator.Allocate1D<float>(O);
            new Dense(accelerator).Backward(inputBuffer.View, weightsBuffer.View, outputBuffer.View,
                dOutputBuffer.View, dInput.View, dWeights.View, dBias.View, B, I, O, relu);

            Check.Close(expectedInput, dInput.GetAsArray1D(), Tolerance.Gemm, $"dInput (relu {relu})");
            Check.Close(expectedWeights, dWeights.GetAsArray1D(), Tolerance.Gemm, $"dWeights (relu {relu})");
            Check.Close(expectedBias, dBias.GetAsArray1D(), Tolerance.Gemm, $"dBias (relu {relu})");
        }
    }

    private static (float[] Input, float[] Weights, float[] Bias) Inputs() =>
        (TestData.Floats(B * I, seed: 20), TestData.Floats(I * O, seed: 21), TestData.Floats(O, seed: 22));

    private static float[] RunForward(Accelerator accelerator, float[] input, float[] weights, float[] bias, bool relu)
    {
        using var inputBuffer = accelerator.Allocate1D(input);
        using var weightsBuffer = accelerator.Allocate1D(weights);
        using var biasBuffer = accelerator.Allocate1D(bias);
        using var output = accelerator.Allocate1D<float>(B * O);
        new Dense(accelerator).Forward(inputBuffer.View, weightsBuffer.View, biasBuffer.View, output.View,
            B, I, O, relu);
        return output.GetAsArray1D();
    }
}
