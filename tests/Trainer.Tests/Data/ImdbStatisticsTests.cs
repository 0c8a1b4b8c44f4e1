using GpuImdb.Trainer.Data;

namespace GpuImdb.Trainer.Tests.Data;

public sealed class ImdbStatisticsTests
{
    [Fact]
    public void Counts_lengths_cuts_and_words_per_split()
    {
        var data = new ImdbData(
            new ImdbSplit([[1, 4, 5], [1, 4, 4, 4, 9, 12], [1]], [1, 0, 1]),
            new ImdbSplit([[1, 20, 5, 6], [1, 4]], [0, 0]),
            "test");

        var stats = ImdbStatistics.Compute(data, maxLength: 3, vocabSize: 10);

        Assert.Equal(new SplitStatistics("train", 3, 2, 1, 10 / 3.0, 3, 6, 1, 3, 10, 4), stats.Train);
        Assert.Equal(new SplitStatistics("test", 2, 0, 2, 3, 3, 4, 1, 1, 6, 4), stats.Test);
        Assert.Equal(new SplitStatistics("all", 5, 2, 3, 16 / 5.0, 3, 6, 2, 4, 16, 6), stats.All);
        Assert.Equal(4, stats.WordsKept);
        Assert.Equal(11, stats.WordTokens);
        Assert.Equal(2, stats.OutOfVocabularyTokens);
        Assert.Equal(1 / 3.0, stats.Train.ShareOfReviewsCut);
        Assert.Equal(0.3, stats.Train.ShareOfTokensCut, 12);
    }

    [Fact]
    public void The_median_of_an_even_count_is_the_mean_of_the_middle_two()
    {
        var data = new ImdbData(new ImdbSplit([[1], [1, 4], [1, 4, 4], [1, 4, 4, 4]], [1, 1, 0, 0]),
            new ImdbSplit([], []), "test");

        var stats = ImdbStatistics.Compute(data, maxLength: 256, vocabSize: 10);

        Assert.Equal(2.5, stats.Train.MedianLength);
        Assert.Equal(0, stats.Test.Reviews);
        Assert.Equal(0, stats.Test.MeanLength);
    }
}
