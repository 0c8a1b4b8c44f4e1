using GpuImdb.Tests;
using GpuImdb.Trainer.Data;
using Xunit.Abstractions;

namespace GpuImdb.Trainer.Tests.Data;

// Expected values are Keras's published load_data outputs, listed in shared/data/SOURCE.md.
public sealed class RealImdbTests(RealImdbFixture imdb, ITestOutputHelper output)
    : IClassFixture<RealImdbFixture>
{
    [Fact]
    public void Train_sample_0_is_the_published_218_id_review()
    {
        var sample = imdb.Default.Train.Sequences[0];
        output.WriteLine($"imdb.npz loaded in {imdb.DefaultLoadSeconds:F2} s");

        int[] published =
            [1, 14, 22, 16, 43, 530, 973, 1622, 1385, 65, 458, 4468, 66, 3941, 4, 173, 36, 256];
        Assert.Equal(218, sample.Length);
        Assert.Equal(published, sample[..18]);
        Assert.Equal([5, 25, 100, 43, 838, 112, 50, 670], sample[18..26]);
    }

    [Fact]
    public void Train_sample_1_has_189_ids()
    {
        var sample = imdb.Default.Train.Sequences[1];

        Assert.Equal(189, sample.Length);
    }

    [Fact]
    public void First_20_train_labels_match_keras()
    {
        var labels = imdb.Default.Train.Labels[..20];

        Assert.Equal([1, 0, 0, 1, 0, 0, 1, 0, 1, 0, 1, 0, 0, 0, 0, 0, 1, 1, 0, 1], labels);
    }

    [Fact]
    public void Each_split_has_25000_reviews_with_ids_below_10000()
    {
        var data = imdb.Default;

        var maxId = data.Train.Sequences.Concat(data.Test.Sequences).Max(s => s.Max());

        Assert.Equal(25000, data.Train.Count);
        Assert.Equal(25000, data.Train.Sequences.Length);
        Assert.Equal(25000, data.Test.Count);
        Assert.Equal(25000, data.Test.Sequences.Length);
        Assert.Equal(9999, maxId);
    }

    [Fact]
    public void Test_sample_0_with_the_full_vocabulary_is_the_published_68_id_review()
    {
        var sample = imdb.FullVocabulary.Test.Sequences[0];

        Assert.Equal(68, sample.Length);
        Assert.Equal([1, 591, 202, 14, 31, 6, 717, 10, 10, 18142, 10698], sample[..11]);
        Assert.Equal([451, 202, 14, 6, 717], sample[^5..]);
    }

    [Fact]
    public void Train_sample_0_decodes_to_the_tutorials_text()
    {
        var words = WordIndex.Load(SharedData.WordIndexJson);

        var text = words.Decode(imdb.Default.Train.Sequences[0]);

        Assert.StartsWith(
            "<START> this film was just brilliant casting location scenery story direction "
            + "everyone's really suited the part they played",
            text);
    }
}
