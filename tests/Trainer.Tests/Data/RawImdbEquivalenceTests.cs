using GpuImdb.Trainer.Data;
using Xunit.Abstractions;

namespace GpuImdb.Trainer.Tests.Data;

// shared/data/SOURCE.md: imdb.npz was built from these reviews with Keras's 2015 tokenising, so
// reading the tarball with the same word index must give the same word ranks, review for review.
public sealed class RawImdbEquivalenceTests(RawImdbFixture imdb, ITestOutputHelper output)
    : IClassFixture<RawImdbFixture>
{
    [Fact]
    public void The_tarball_gives_the_npz_word_ranks_and_labels_for_all_50000_reviews()
    {
        output.WriteLine($"aclImdb_v1.tar.gz read and tokenised in {imdb.TarSeconds:F2} s");

        AssertSameReviews("train", imdb.NpzTrainRanks, imdb.TarRanks.Train.Ranks);
        AssertSameReviews("test", imdb.NpzTestRanks, imdb.TarRanks.Test.Ranks);
        Assert.Equal(imdb.NpzTrainLabels, imdb.TarRanks.Train.Labels);
        Assert.Equal(imdb.NpzTestLabels, imdb.TarRanks.Test.Labels);
        Assert.Null(imdb.TarRanks.BuiltWordIndex);
    }

    [Fact]
    public void The_tarball_gives_the_npz_padded_tensors_exactly()
    {
        var tar = imdb.TarTensors;
        var npz = imdb.NpzTensors;

        Assert.Equal(ImdbFormat.AclImdbTarGz, tar.Format);
        Assert.Equal(ImdbFormat.Npz, npz.Format);
        Assert.True(npz.TrainTokens.AsSpan().SequenceEqual(tar.TrainTokens), "training tokens differ");
        Assert.True(npz.TestTokens.AsSpan().SequenceEqual(tar.TestTokens), "test tokens differ");
        Assert.Equal(npz.TrainLabels, tar.TrainLabels);
        Assert.Equal(npz.TestLabels, tar.TestLabels);
        Assert.Equal(25_000 * 256, tar.TrainTokens.Length);
        Assert.Equal([1, 14, 22, 16, 43, 530, 973, 1622, 1385, 65], tar.TrainTokens[..10]);
    }

    private static void AssertSameReviews(string split, int[][] expected, int[][] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            if (!expected[i].AsSpan().SequenceEqual(actual[i]))
            {
                Assert.Fail($"{split} review {i} (file order) differs: npz has {expected[i].Length} ranks "
                    + $"[{string.Join(", ", expected[i].Take(12))}, ...], the tarball {actual[i].Length} "
                    + $"[{string.Join(", ", actual[i].Take(12))}, ...]");
            }
        }
    }
}
