using ILGPU;
using ILGPU.Runtime;

namespace GpuImdb.Kernels;

// Adam, with Keras's formula and defaults (lr 0.001, beta1 0.9, beta2 0.999, epsilon 1e-7).
//
// Legend: P = number of parameters; t = 1-based step number.
//
// On the host, per step:  stepSize = lr · sqrt(1 − beta2^t) / (1 − beta1^t)
// On the device, per parameter:
//   m = m + (g − m) · (1 − beta1)
//   v = v + (g² − v) · (1 − beta2)
//   parameter = parameter − stepSize · m / (sqrt(v) + epsilon)
// Keras folds the bias correction into the step size, so epsilon is added to the uncorrected
// sqrt(v); PyTorch adds it after the correction. Every parameter moves every step, including
// embedding rows whose gradient is zero this step (their moments still decay).

/// <summary>Hyperparameters of one Adam step.</summary>
/// <param name="StepSize">lr · sqrt(1 − beta2^t) / (1 − beta1^t) for step t.</param>
/// <param name="Beta1">Decay of the first moment.</param>
/// <param name="Beta2">Decay of the second moment.</param>
/// <param name="Epsilon">Added to sqrt(v) in the denominator.</param>
public readonly record struct AdamSettings(float StepSize, float Beta1, float Beta2, float Epsilon)
{
    /// <summary>Keras's settings for 1-based step <paramref name="step"/>.</summary>
    public static AdamSettings ForStep(
        int step,
        double learningRate = 0.001,
        double beta1 = 0.9,
        double beta2 = 0.999,
        double epsilon = 1e-7)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(step);
        double stepSize = learningRate * Math.Sqrt(1 - Math.Pow(beta2, step)) / (1 - Math.Pow(beta1, step));
        return new AdamSettings((float)stepSize, (float)beta1, (float)beta2, (float)epsilon);
    }
}

/// <summary>Adam update over a flat parameter buffer on one accelerator.</summary>
public sealed class Adam
{
    private readonly Accelerator _accelerator;

    private readonly Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>,
        int, AdamSettings, int> _update;

    /// <summary>Kernel launches made so far (for benchmarks).</summary>
    public long Launches { get; private set; }

    /// <summary>Compiles the kernel once for <paramref name="accelerator"/>.</summary>
    public Adam(Accelerator accelerator)
    {
        ArgumentNullException.ThrowIfNull(accelerator);
        _accelerator = accelerator;
        _update = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>,
            ArrayView<float>, ArrayView<float>, int, AdamSettings, int>(AdamUpdateKernel);
    }

    /// <summary>One Adam step over <paramref name="count"/> parameters.</summary>
    /// <param name="gradients">[P] gradient of the loss.</param>
    /// <param name="parameters">[P] updated in place.</param>
    /// <param name="firstMoment">[P] m, updated in place; starts at zero.</param>
    /// <param name="secondMoment">[P] v, updated in place; starts at zero.</param>
    /// <param name="count">P.</param>
    /// <param name="settings">Step size and decay rates for this step.</param>
    public void Update(
        ArrayView<float> gradients,
        ArrayView<float> parameters,
        ArrayView<float> firstMoment,
        ArrayView<float> secondMoment,
        int count,
        AdamSettings settings)
    {
        const string op = "Adam update";
        Shapes.Require(op, "gradients", gradients.Length, count);
        Shapes.Require(op, "parameters", parameters.Length, count);
        Shapes.Require(op, "firstMoment", firstMoment.Length, count);
        Shapes.Require(op, "secondMoment", secondMoment.Length, count);

        int threads = LaunchSize.For(_accelerator, count);
        Launches++;
        _update(threads, gradients, parameters, firstMoment, secondMoment, count, settings, threads);
    }

    #region Kernels

    // One work item per parameter.
    internal static void AdamUpdateKernel(
        Index1D index,
        ArrayView<float> gradients,     // [P]
        ArrayView<float> parameters,    // [P]
        ArrayView<float> firstMoment,   // [P]
        ArrayView<float> secondMoment,  // [P]
        int count,
        AdamSettings settings,
        int stride)
    {
        float oneMinusBeta1 = 1f - settings.Beta1;
        float oneMinusBeta2 = 1f - settings.Beta2;
        for (int i = index; i < count; i += stride)
        {
            float g = gradients[i];
            float m = firstMoment[i] + (g - firstMoment[i]) * oneMinusBeta1;
            float v = secondMoment[i] + (g * g - secondMoment[i]) * oneMinusBeta2;
            firstMoment[i] = m;
            secondMoment[i] = v;
            parameters[i] -= settings.StepSize * m / (MathF.Sqrt(v) + settings.Epsilon);
        }
    }

    #endregion
}
