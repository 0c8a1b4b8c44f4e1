using GpuImdb.Kernels.Tests.Reference;

namespace GpuImdb.Kernels.Tests;

public class SigmoidBceTests
{
    [SkippableTheory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void Forward_and_backward_match_reference(AcceleratorKind backend)
    {
        var accelerator = Backends.Get(backend);
        const int b = 9;
        var logits = TestData.Floats(b, seed: 30, scale: 6f);
        var labels = new float[] { 1, 0, 0, 1, 1, 0, 1, 0, 1 };
        var expected = Reference(logits, labels);

        var actual = Run(accelerator, logits, labels);

        Check.Close(expected.Probabilities, actual.Probabilities, Tolerance.Elementwise, "probabilities");
        Check.Close(expected.Losses, actual.Losses, Tolerance.Reduction, "losses");
        Check.Close(expected.Correct, actual.Correct, Tolerance.Elementwise, "correct");
        Check.Close(expected.DLogits, actual.DLogits, Tolerance.Elementwise, "dLogits");
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void Loss_stays_finite_and_exact_at_extreme_logits(AcceleratorKind backend)
    {
        var accelerator = Backends.Get(backend);
        var logits = new float[] { 100f, -100f, 100f, -100f };
        var labels = new float[] { 1, 0, 0, 1 };

        var actual = Run(accelerator, logits, labels);

        Assert.Equal(0f, actual.Losses[0], 6);
        Assert.Equal(0f, actual.Losses[1], 6);
        Assert.Equal(100f, actual.Losses[2], 4);
        Assert.Equal(100f, actual.Losses[3], 4);
        Assert.Equal(new float[] { 1, 1, 0, 0 }, actual.Correct);
        Check.Close([0, 0, 0.25f, -0.25f], actual.DLogits, Tolerance.Elementwise, "dLogits");
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void Metrics_accumulate_per_slot(AcceleratorKind backend)
    {
        var accelerator = Backends.Get(backend);
        var losses = new float[] { 0.5f, 0.25f, 1f };
        var correct = new float[] { 1, 0, 1 };
        var expected = new float[] { 0, 0, 7f, 1f };
        SigmoidBceReference.SumMetrics(losses, correct, expected, 3, slot: 1);

        using var lossesBuffer = accelerator.Allocate1D(losses);
        using var correctBuffer = accelerator.Allocate1D(correct);
        using var metrics = accelerator.Allocate1D(new float[] { 0, 0, 7f, 1f });
        new SigmoidBce(accelerator).SumMetrics(lossesBuffer.View, correctBuffer.View, metrics.View, 3, slot: 1);

        Assert.Equal(expected, metrics.GetAsArray1D());
        Assert.Equal(new float[] { 0, 0, 8.75f, 3f }, expected);
    }

    private static Outputs Reference(float[] logits, float[] labels)
    {
        int b = logits.Length;
        var o = new Outputs(new float[b], new float[b], new float[b], new float[b]);
        SigmoidBceReference.ForwardBackward(logits, labels, o.Probabilities, o.Losses, o.Correct, o.DLogits,
            b, 1f / b);
        return o;
    }

    private static Outputs Run(Accelerator accelerator, float[] logits, float[] labels)
    {
        int b = logits.Length;
        using var logitsBuffer = accelerator.Allocate1D(logits);
        using var labelsBuffer = accelerator.Allocate1D(labels);
        using var probabilities = accelerator.Allocate1D<float>(b);
        using var losses = accelerator.Allocate1D<float>(b);
        using var correct = accelerator.Allocate1D<float>(b);
        using var dLogits = accelerator.Allocate1D<float>(b);
        new SigmoidBce(accelerator).ForwardBackward(logitsBuffer.View, labelsBuffer.View, probabilities.View,
            losses.View, correct.View, dLogits.View, b, 1f / b);
        return new Outputs(probabilities.GetAsArray1D(), losses.GetAsArray1D(), correct.GetAsArray1D(),
            dLogits.GetAsArray1D());
    }

    private sealed record Outputs(float[] Probabilities, float[] Losses, float[] Correct, float[] DLogits);
}
