namespace GpuImdb.Kernels.Tests.Reference;

/// <summary>Plain loops for <see cref="Embedding"/>; same names and parameter order.</summary>
internal static class EmbeddingReference
{
    public static void Forward(int[] tokens, float[] weights, float[] output, int tokenCount, int embeddingDim)
    {
        for (int n = 0; n < tokenCount; n++)
        {
            for (int e = 0; e < embeddingDim; e++)
            {
                output[n * embeddingDim + e] = weights[tokens[n] * embeddingDim + e];
            }
        }
    }

    public static void Backward(int[] tokens, float[] dOutput, float[] dWeights, int tokenCount, int embeddingDim)
    {
        var sums = new double[dWeights.Length];
        for (int n = 0; n < tokenCount; n++)
        {
            for (int e = 0; e < embeddingDim; e++)
            {
                sums[tokens[n] * embeddingDim + e] += dOutput[n * embeddingDim + e];
            }
        }

        for (int i = 0; i < sums.Length; i++)
        {
            dWeights[i] = (float)sums[i];
        }
    }
}
