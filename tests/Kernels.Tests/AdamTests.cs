using GpuImdb.Kernels.Tests.Reference;

namespace GpuImdb.Kernels.Tests;

public class AdamTests
{
    [SkippableTheory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void Three_steps_match_the_keras_formula(AcceleratorKind backend)
    {
        var accelerator = Backends.Get(backend);
        const int p = 37;
        var parameters = TestData.Floats(p, seed: 40);
        var (m, v) = (new float[p], new float[p]);
        using var parametersBuffer = accelerator.Allocate1D(parameters);
        using var mBuffer = accelerator.Allocate1D(m);
        using var vBuffer = accelerator.Allocate1D(v);
        var adam = new Adam(accelerator);

        for (int step = 1; step <= 3; step++)
        {
            var gradients = TestData.Floats(p, seed: 40 + step);
            gradients[0] = 0f;
            AdamReference.Update(gradients, parameters, m, v, p, step, 0.001, 0.9, 0.999, 1e-7);
            using var gradientsBuffer = accelerator.Allocate1D(gradients);
            adam.Update(gradientsBuffer.View, parametersBuffer.View, mBuffer.View, vBuffer.View, p,
                AdamSettings.ForStep(step));
        }

        Check.Close(parameters, parametersBuffer.GetAsArray1D(), Tolerance.Elementwise, "parameters");
        Check.Close(m, mBuffer.GetAsArray1D(), Tolerance.Elementwise, "first moment");
        Check.Close(v, vBuffer.GetAsArray1D(), Tolerance.Elementwise, "second moment");
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void First_step_moves_each_parameter_by_the_learning_rate_against_its_gradient(AcceleratorKind backend)
    {
        var accelerator = Backends.Get(backend);
        using var gradients = accelerator.Allocate1D(new float[] { 3f, -0.5f });
        using var parameters = accelerator.Allocate1D(new float[] { 1f, 1f });
        using var m = accelerator.Allocate1D<float>(2);
        using var v = accelerator.Allocate1D<float>(2);
        m.MemSetToZero();
        v.MemSetToZero();

        new Adam(accelerator).Update(gradients.View, parameters.View, m.View, v.View, 2, AdamSettings.ForStep(1));
        var after = parameters.GetAsArray1D();

        Assert.Equal(1f - 0.001f, after[0], 5);
        Assert.Equal(1f + 0.001f, after[1], 5);
    }

    [Fact]
    public void Step_size_folds_in_the_bias_correction()
    {
        var first = AdamSettings.ForStep(1);
        var tenth = AdamSettings.ForStep(10, learningRate: 0.01);

        Assert.Equal(0.001 * Math.Sqrt(0.001) / 0.1, first.StepSize, 9);
        Assert.Equal(0.01 * Math.Sqrt(1 - Math.Pow(0.999, 10)) / (1 - Math.Pow(0.9, 10)), tenth.StepSize, 8);
        Assert.Equal(1e-7f, first.Epsilon);
    }
}
