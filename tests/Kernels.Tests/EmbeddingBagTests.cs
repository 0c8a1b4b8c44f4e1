using GpuImdb.Kernels.Tests.Reference;

namespace GpuImdb.Kernels.Tests;

public class EmbeddingBagTests
{
    private const int B = 3;
    private const int T = 7;
    private const int V = 11;
    private const int E = 5;

    [SkippableTheory]
    [MemberData(nameof(BackendsAndMasks))]
    public void Forward_and_backward_match_reference(AcceleratorKind backend, bool mask)
    {
        var accelerator = Backends.Get(backend);
        var tokens = PaddedIds();
        var weights = TestData.Floats(V * E, seed: 51);
        var dPooled = TestData.Floats(B * E, seed: 52);
        var (pooled, divisors, dWeights) = (new float[B * E], new float[B], new float[V * E]);
        EmbeddingBagReference.Forward(tokens, weights, pooled, divisors, B, T, E, mask);
        EmbeddingBagReference.Backward(tokens, dPooled, divisors, dWeights, B, T, E, mask);

        using var tokensBuffer = accelerator.Allocate1D(tokens);
        using var weightsBuffer = accelerator.Allocate1D(weights);
        using var dPooledBuffer = accelerator.Allocate1D(dPooled);
        using var pooledBuffer = accelerator.Allocate1D<float>(B * E);
        using var divisorsBuffer = accelerator.Allocate1D<float>(B);
        using var dWeightsBuffer = accelerator.Allocate1D<float>(V * E);
        var bag = new EmbeddingBag(accelerator);
        bag.Forward(tokensBuffer.View, weightsBuffer.View, pooledBuffer.View, divisorsBuffer.View, B, T, V, E, mask);
        bag.Backward(tokensBuffer.View, dPooledBuffer.View, divisorsBuffer.View, dWeightsBuffer.View,
            B, T, V, E, mask);

        Check.Close(pooled, pooledBuffer.GetAsArray1D(), Tolerance.Reduction, "pooled");
        Assert.Equal(divisors, divisorsBuffer.GetAsArray1D());
        Check.Close(dWeights, dWeightsBuffer.GetAsArray1D(), Tolerance.Gemm, "dWeights");
    }

    [SkippableTheory]
    [MemberData(nameof(BackendsAndWidths))]
    public void Backward_matches_reference_for_widths_with_full_and_partial_register_passes(
        AcceleratorKind backend, int width)
    {
        var accelerator = Backends.Get(backend);
        const int batch = 6;
        const int length = 40;
        const int vocab = 23;
        var tokens = TestData.Ids(batch * length, vocab, seed: 54);
        var dPooled = TestData.Floats(batch * width, seed: 55);
        var divisors = Enumerable.Repeat((float)length, batch).ToArray();
        var expected = new float[vocab * width];
        EmbeddingBagReference.Backward(tokens, dPooled, divisors, expected, batch, length, width, maskPadding: false);

        using var tokensBuffer = accelerator.Allocate1D(tokens);
        using var dPooledBuffer = accelerator.Allocate1D(dPooled);
        using var divisorsBuffer = accelerator.Allocate1D(divisors);
        using var dWeights = accelerator.Allocate1D<float>(vocab * width);
        new EmbeddingBag(accelerator).Backward(tokensBuffer.View, dPooledBuffer.View, divisorsBuffer.View,
            dWeights.View, batch, length, vocab, width, maskPadding: false);

        Check.Close(expected, dWeights.GetAsArray1D(), Tolerance.Gemm, $"dWeights (E = {width})");
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void Unmasked_equals_embedding_then_mean_pool(AcceleratorKind backend)
    {
        var accelerator = Backends.Get(backend);
        var tokens = PaddedIds();
        var weights = TestData.Floats(V * E, seed: 53);
        using var tokensBuffer = accelerator.Allocate1D(tokens);
        using var weightsBuffer = accelerator.Allocate1D(weights);
        using var embedded = accelerator.Allocate1D<float>(B * T * E);
        using var layered = accelerator.Allocate1D<float>(B * E);
        using var fused = accelerator.Allocate1D<float>(B * E);
        using var divisors = accelerator.Allocate1D<float>(B);

        new Embedding(accelerator).Forward(tokensBuffer.View, weightsBuffer.View, embedded.View, B * T, V, E);
        new MeanPool(accelerator).Forward(embedded.View, layered.View, B, T, E);
        new EmbeddingBag(accelerator).Forward(tokensBuffer.View, weightsBuffer.View, fused.View, divisors.View,
            B, T, V, E, maskPadding: false);

        Check.Close(layered.GetAsArray1D(), fused.GetAsArray1D(), Tolerance.Elementwise, "fused vs layered");
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void Masked_mean_ignores_padding_and_gives_padding_no_gradient(AcceleratorKind backend)
    {
        var accelerator = Backends.Get(backend);
        var tokens = new[] { 1, 3, 0, 0 };
        var weights = new float[4 * 1] { 100f, 2f, 0f, 4f };
        using var tokensBuffer = accelerator.Allocate1D(tokens);
        using var weightsBuffer = accelerator.Allocate1D(weights);
        using var pooled = accelerator.Allocate1D<float>(1);
        using var divisors = accelerator.Allocate1D<float>(1);
        using var dPooled = accelerator.Allocate1D(new[] { 1f });
        using var dWeights = accelerator.Allocate1D<float>(4);
        var bag = new EmbeddingBag(accelerator);

        bag.Forward(tokensBuffer.View, weightsBuffer.View, pooled.View, divisors.View, 1, 4, 4, 1, maskPadding: true);
        bag.Backward(tokensBuffer.View, dPooled.View, divisors.View, dWeights.View, 1, 4, 4, 1, maskPadding: true);

        Assert.Equal(3f, pooled.GetAsArray1D()[0]);
        Assert.Equal(new[] { 0f, 0.5f, 0f, 0.5f }, dWeights.GetAsArray1D());
    }

    public static TheoryData<AcceleratorKind, int> BackendsAndWidths()
    {
        var data = new TheoryData<AcceleratorKind, int>();
        foreach (var backend in new[] { AcceleratorKind.Cpu, AcceleratorKind.Cuda, AcceleratorKind.OpenCL })
        {
            data.Add(backend, 16);
            data.Add(backend, 37);
        }

        return data;
    }

    public static TheoryData<AcceleratorKind, bool> BackendsAndMasks()
    {
        var data = new TheoryData<AcceleratorKind, bool>();
        foreach (var backend in new[] { AcceleratorKind.Cpu, AcceleratorKind.Cuda, AcceleratorKind.OpenCL })
        {
            data.Add(backend, false);
            data.Add(backend, true);
        }

        return data;
    }

    // Reviews of different lengths padded after the text with 0, one row of all padding.
    private static int[] PaddedIds()
    {
        var ids = TestData.Ids(B * T, V - 1, seed: 50).Select(id => id + 1).ToArray();
        for (int t = 4; t < T; t++)
        {
            ids[t] = 0;
        }

        for (int t = 0; t < T; t++)
        {
            ids[2 * T + t] = 0;
        }

        return ids;
    }

    [SkippableTheory]
    [MemberData(nameof(BackendsAndMasks))]
    public void Counting_sort_backward_matches_reference_and_the_owner_scan(AcceleratorKind backend, bool mask)
    {
        var accelerator = Backends.Get(backend);
        const int batch = 9;
        const int length = 130;
        const int vocab = 37;
        const int width = 6;
        var tokens = TestData.Ids(batch * length, vocab, seed: 56);
        for (int t = 100; t < length; t++)
        {
            tokens[t] = 0;
        }

        var dPooled = TestData.Floats(batch * width, seed: 57);
        var divisors = Enumerable.Range(0, batch).Select(b => (float)(length - b)).ToArray();
        var expected = new float[vocab * width];
        EmbeddingBagReference.Backward(tokens, dPooled, divisors, expected, batch, length, width, mask);

        float[] Run(EmbeddingBackwardScheme scheme)
        {
            using var tokensBuffer = accelerator.Allocate1D(tokens);
            using var dPooledBuffer = accelerator.Allocate1D(dPooled);
            using var divisorsBuffer = accelerator.Allocate1D(divisors);
            using var dWeights = accelerator.Allocate1D(Enumerable.Repeat(5f, vocab * width).ToArray());
            using var bag = new EmbeddingBag(accelerator, scheme);
            bag.Backward(tokensBuffer.View, dPooledBuffer.View, divisorsBuffer.View, dWeights.View,
                batch, length, vocab, width, mask);
            return dWeights.GetAsArray1D();
        }

        var sorted = Run(EmbeddingBackwardScheme.CountingSort);
        var owners = Run(EmbeddingBackwardScheme.OwnerScan);

        Check.Close(expected, sorted, Tolerance.Gemm, "dWeights (counting sort)");
        Check.Close(owners, sorted, Tolerance.Gemm, "counting sort vs owner scan");
        Assert.Equal(sorted, Run(EmbeddingBackwardScheme.CountingSort));
    }

    [Fact]
    public void Auto_picks_the_owner_scan_on_the_cpu_accelerator()
    {
        var accelerator = Backends.Get(AcceleratorKind.Cpu);

        using var bag = new EmbeddingBag(accelerator);

        Assert.Equal(EmbeddingBackwardScheme.OwnerScan, bag.BackwardScheme);
    }
}
