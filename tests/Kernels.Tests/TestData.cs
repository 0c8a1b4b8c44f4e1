namespace GpuImdb.Kernels.Tests;

/// <summary>Seeded inputs for kernel tests.</summary>
public static class TestData
{
    public static float[] Floats(int length, int seed, float scale = 1f)
    {
        var random = new Random(seed);
        var values = new float[length];
        for (int i = 0; i < length; i++)
        {
            values[i] = (float)((random.NextDouble() * 2 - 1) * scale);
        }

        return values;
    }

    public static int[] Ids(int length, int vocabSize, int seed)
    {
        var random = new Random(seed);
        var ids = new int[length];
        for (int i = 0; i < length; i++)
        {
            ids[i] = random.Next(vocabSize);
        }

        return ids;
    }
}
