using GpuImdb.Trainer.Training;

namespace GpuImdb.Trainer.Tests.Training;

/// <summary>
/// A tiny, learnable stand-in for IMDB: ids 4..9 lean positive, 10..15 lean negative, 16.. are
/// neutral; reviews have random lengths and are padded after the text with 0, like the real data.
/// </summary>
internal static class SyntheticReviews
{
    public const int VocabSize = 40;

    public static ImdbTensors Create(int trainCount, int testCount, int sequenceLength, int seed)
    {
        var random = new Random(seed);
        var (trainTokens, trainLabels) = Split(trainCount, sequenceLength, random);
        var (testTokens, testLabels) = Split(testCount, sequenceLength, random);
        return new ImdbTensors(trainTokens, trainLabels, testTokens, testLabels, "synthetic");
    }

    private static (int[] Tokens, int[] Labels) Split(int count, int sequenceLength, Random random)
    {
        var tokens = new int[count * sequenceLength];
        var labels = new int[count];
        for (int r = 0; r < count; r++)
        {
            int label = random.Next(2);
            labels[r] = label;
            int length = random.Next(sequenceLength / 2, sequenceLength + 1);
            tokens[r * sequenceLength] = 1;
            for (int t = 1; t < length; t++)
            {
                bool opinion = random.NextDouble() < 0.3;
                int id = opinion
                    ? (label == 1 ? 4 : 10) + random.Next(6)
                    : 16 + random.Next(VocabSize - 16);
                tokens[r * sequenceLength + t] = id;
            }
        }

        return (tokens, labels);
    }
}
