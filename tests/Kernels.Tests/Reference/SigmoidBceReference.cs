namespace GpuImdb.Kernels.Tests.Reference;

/// <summary>Plain loops for <see cref="SigmoidBce"/>, in double; same names and parameter order.</summary>
internal static class SigmoidBceReference
{
    public static void ForwardBackward(
        float[] logits, float[] labels, float[] probabilities, float[] losses, float[] correct,
        float[] dLogits, int batchSize, float gradScale)
    {
        for (int b = 0; b < batchSize; b++)
        {
            double z = logits[b];
            double y = labels[b];
            double p = 1 / (1 + Math.Exp(-z));

            // −y·log(p) − (1−y)·log(1−p), written with softplus so that it stays finite.
            double softplusMinus = Math.Max(-z, 0) + Math.Log(1 + Math.Exp(-Math.Abs(z)));
            double softplusPlus = Math.Max(z, 0) + Math.Log(1 + Math.Exp(-Math.Abs(z)));
            probabilities[b] = (float)p;
            losses[b] = (float)(y * softplusMinus + (1 - y) * softplusPlus);
            correct[b] = (p > 0.5) == (y > 0.5) ? 1 : 0;
            dLogits[b] = (float)((p - y) * gradScale);
        }
    }

    public static void SumMetrics(float[] losses, float[] correct, float[] metrics, int batchSize, int slot)
    {
        double loss = 0;
        double right = 0;
        for (int b = 0; b < batchSize; b++)
        {
            loss += losses[b];
            right += correct[b];
        }

        metrics[2 * slot] += (float)loss;
        metrics[2 * slot + 1] += (float)right;
    }
}
