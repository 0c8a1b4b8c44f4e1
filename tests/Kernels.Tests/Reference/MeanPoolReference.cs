namespace GpuImdb.Kernels.Tests.Reference;

/// <summary>Plain loops for <see cref="MeanPool"/>; same names and parameter order.</summary>
internal static class MeanPoolReference
{
    public static void Forward(float[] input, float[] pooled, int batchSize, int sequenceLength, int embeddingDim)
    {
        for (int b = 0; b < batchSize; b++)
        {
            for (int e = 0; e < embeddingDim; e++)
            {
                double sum = 0;
                for (int t = 0; t < sequenceLength; t++)
                {
                    sum += input[(b * sequenceLength + t) * embeddingDim + e];
                }

                pooled[b * embeddingDim + e] = (float)(sum / sequenceLength);
            }
        }
    }

    public static void Backward(float[] dPooled, float[] dInput, int batchSize, int sequenceLength, int embeddingDim)
    {
        for (int b = 0; b < batchSize; b++)
        {
            for (int t = 0; t < sequenceLength; t++)
            {
                for (int e = 0; e < embeddingDim; e++)
                {
                    dInput[(b * sequenceLength + t) * embeddingDim + e] =
                        (float)((double)dPooled[b * embeddingDim + e] / sequenceLength);
                }
            }
        }
    }
}
