namespace GpuImdb.Kernels.Tests.Reference;

/// <summary>Plain loops for <see cref="EmbeddingBag"/>, in double; same names and parameter order.</summary>
internal static class EmbeddingBagReference
{
    public static void Forward(
        int[] tokens, float[] weights, float[] pooled, float[] divisors,
        int batchSize, int sequenceLength, int embeddingDim, bool maskPadding)
    {
        for (int b = 0; b < batchSize; b++)
        {
            var sums = new double[embeddingDim];
            int count = 0;
            for (int t = 0; t < sequenceLength; t++)
            {
                int id = tokens[b * sequenceLength + t];
                if (maskPadding && id == 0)
                {
                    continue;
                }

                count++;
                for (int e = 0; e < embeddingDim; e++)
                {
                    sums[e] += weights[id * embeddingDim + e];
                }
            }

            divisors[b] = maskPadding ? Math.Max(count, 1) : sequenceLength;
            for (int e = 0; e < embeddingDim; e++)
            {
                pooled[b * embeddingDim + e] = (float)(sums[e] / divisors[b]);
            }
        }
    }

    public static void Backward(
        int[] tokens, float[] dPooled, float[] divisors, float[] dWeights,
        int batchSize, int sequenceLength, int embeddingDim, bool maskPadding)
    {
        var sums = new double[dWeights.Length];
        for (int b = 0; b < batchSize; b++)
        {
            for (int t = 0; t < sequenceLength; t++)
            {
                int id = tokens[b * sequenceLength + t];
                if (maskPadding && id == 0)
                {
                    continue;
                }

                for (int e = 0; e < embeddingDim; e++)
                {
                    sums[id * embeddingDim + e] += (double)dPooled[b * embeddingDim + e] / divisors[b];
                }
            }
        }

        for (int i = 0; i < sums.Length; i++)
        {
            dWeights[i] = (float)sums[i];
        }
    }
}
