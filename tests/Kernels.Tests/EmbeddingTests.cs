using GpuImdb.Kernels.Tests.Reference;

namespace GpuImdb.Kernels.Tests;

public class EmbeddingTests
{
    private const int B = 3;
    private const int T = 7;
    private const int V = 11;
    private const int E = 5;

    [SkippableTheory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void Forward_matches_reference(AcceleratorKind backend)
    {
        var accelerator = Backends.Get(backend);
        var tokens = TestData.Ids(B * T, V, seed: 1);
        var weights = TestData.Floats(V * E, seed: 2);
        var expected = new float[B * T * E];
        EmbeddingReference.Forward(tokens, weights, expected, B * T, E);

        using var tokensBuffer = accelerator.Allocate1D(tokens);
        using var weightsBuffer = accelerator.Allocate1D(weights);
        using var output = accelerator.Allocate1D<float>(B * T * E);
        new Embedding(accelerator).Forward(tokensBuffer.View, weightsBuffer.View, output.View, B * T, V, E);

        Check.Close(expected, output.GetAsArray1D(), Tolerance.Elementwise, "embedding output");
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void Backward_matches_reference_when_tokens_repeat(AcceleratorKind backend)
    {
        var accelerator = Backends.Get(backend);
        var tokens = TestData.Ids(B * T, 4, seed: 3);
        var dOutput = TestData.Floats(B * T * E, seed: 4);
        var expected = new float[V * E];
        EmbeddingReference.Backward(tokens, dOutput, expected, B * T, E);

        var actual = RunBackward(accelerator, tokens, dOutput);

        Check.Close(expected, actual, Tolerance.Gemm, "embedding gradient");
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void Backward_sums_a_whole_batch_of_one_id_into_one_row(AcceleratorKind backend)
    {
        var accelerator = Backends.Get(backend);
        const int batch = 64;
        const int length = 256;
        var tokens = Enumerable.Repeat(7, batch * length).ToArray();
        var dOutput = TestData.Floats(batch * length * E, seed: 5);
        var expected = new float[V * E];
        EmbeddingReference.Backward(tokens, dOutput, expected, batch * length, E);

        var actual = RunBackward(accelerator, tokens, dOutput);

        Check.Close(expected, actual, Tolerance.Gemm, "embedding gradient of one repeated id");
        Assert.All(actual.Take(7 * E).Concat(actual.Skip(8 * E)), value => Assert.Equal(0f, value));
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void Backward_overwrites_rows_absent_from_the_batch_with_zero(AcceleratorKind backend)
    {
        var accelerator = Backends.Get(backend);
        var tokens = new[] { 2, 2, 5 };
        var dOutput = TestData.Floats(3 * E, seed: 6);
        using var tokensBuffer = accelerator.Allocate1D(tokens);
        using var dOutputBuffer = accelerator.Allocate1D(dOutput);
        using var dWeights = accelerator.Allocate1D(Enumerable.Repeat(99f, V * E).ToArray());

        new Embedding(accelerator).Backward(tokensBuffer.View, dOutputBuffer.View, dWeights.View, 3, V, E);
        var actual = dWeights.GetAsArray1D();

        Assert.Equal(dOutput[0] + dOutput[E], actual[2 * E], 6);
        Assert.Equal(dOutput[2 * E], actual[5 * E]);
        Assert.Equal(0f, actual[0]);
        Assert.Equal(0f, actual[(V - 1) * E + E - 1]);
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void Backward_is_bit_identical_from_run_to_run(AcceleratorKind backend)
    {
        var accelerator = Backends.Get(backend);
        var tokens = TestData.Ids(B * T * 9, 3, seed: 7);
        var dOutput = TestData.Floats(B * T * 9 * E, seed: 8);

        var first = RunBackward(accelerator, tokens, dOutput);
        var second = RunBackward(accelerator, tokens, dOutput);

        Assert.Equal(first, second);
    }

    private static float[] RunBackward(Accelerator accelerator, int[] tokens, float[] dOutput)
    {
        using var tokensBuffer = accelerator.Allocate1D(tokens);
        using var dOutputBuffer = accelerator.Allocate1D(dOutput);
        using var dWeights = accelerator.Allocate1D<float>(V * E);
        new Embedding(accelerator).Backward(tokensBuffer.View, dOutputBuffer.View, dWeights.View,
            tokens.Length, V, E);
        return dWeights.GetAsArray1D();
    }
}
