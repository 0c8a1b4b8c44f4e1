namespace GpuImdb.Kernels.Tests.Reference;

/// <summary>Plain loops for <see cref="BatchGather"/>; same names and parameter order.</summary>
internal static class BatchGatherReference
{
    public static void Rows(int[] source, int[] rowIndices, int[] destination, int batchSize, int rowWidth)
    {
        for (int b = 0; b < batchSize; b++)
        {
            Array.Copy(source, rowIndices[b] * rowWidth, destination, b * rowWidth, rowWidth);
        }
    }

    public static void Values(float[] source, int[] rowIndices, float[] destination, int batchSize)
    {
        for (int b = 0; b < batchSize; b++)
        {
            destination[b] = source[rowIndices[b]];
        }
    }
}
