namespace GpuImdb.Kernels.Tests.Reference;

/// <summary>Keras's Adam step written out in double; same names and parameter order as <see cref="Adam"/>.</summary>
internal static class AdamReference
{
    public static void Update(
        float[] gradients, float[] parameters, float[] firstMoment, float[] secondMoment,
        int count, int step, double learningRate, double beta1, double beta2, double epsilon)
    {
        double stepSize = learningRate * Math.Sqrt(1 - Math.Pow(beta2, step)) / (1 - Math.Pow(beta1, step));
        for (int i = 0; i < count; i++)
        {
            double g = gradients[i];
            double m = beta1 * firstMoment[i] + (1 - beta1) * g;
            double v = beta2 * secondMoment[i] + (1 - beta2) * g * g;
            firstMoment[i] = (float)m;
            secondMoment[i] = (float)v;
            parameters[i] = (float)(parameters[i] - stepSize * m / (Math.Sqrt(v) + epsilon));
        }
    }
}
