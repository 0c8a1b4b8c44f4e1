using GpuImdb.Kernels;
using GpuImdb.Tests;
using GpuImdb.Trainer.Data;
using GpuImdb.Trainer.Prediction;

namespace GpuImdb.Trainer.Tests.Prediction;

public class TutorialModelTests(TutorialModelFixture fixture) : IClassFixture<TutorialModelFixture>
{
    private static readonly string[] Positive =
    [
        "This movie was wonderful. The acting was brilliant and the story was beautiful; I loved every minute.",
        "One of the best films I have ever seen, a true masterpiece with a great cast and an excellent script.",
        "A touching, funny and beautifully made film. Highly recommended!",
        "What a superb performance by the lead, and the music is perfect. I would gladly watch it again.",
    ];

    private static readonly string[] Negative =
    [
        "This was the worst movie I have ever seen. The plot was boring, the acting was terrible and it was a "
            + "complete waste of time.",
        "Awful film. Poor script, bad acting and a stupid ending; avoid it.",
        "I hated this boring mess of a movie; it was dull, badly written and painful to watch.",
        "Don't waste your money: the jokes are lame, the characters are annoying and nothing makes sense.",
    ];

    [Fact]
    public void The_saved_model_reproduces_the_test_figures_printed_at_the_end_of_training_exactly()
    {
        var model = SavedModel.Load(fixture.Directory);

        var evaluation = ModelEvaluator.Evaluate(model, SharedData.ImdbNpz, AcceleratorKind.Cpu);

        Assert.Equal(fixture.Result.Parameters, model.Parameters);
        Assert.Equal(fixture.Result.TestLoss, evaluation.Loss);
        Assert.Equal(fixture.Result.TestAccuracy, evaluation.Accuracy);
        Assert.Equal(25_000, evaluation.Samples);
        Assert.True(evaluation.Accuracy > 0.86, $"test accuracy {evaluation.Accuracy:F4}");
    }

    [Fact]
    public void Clearly_positive_and_clearly_negative_sentences_get_the_right_labels()
    {
        var model = SavedModel.Load(fixture.Directory);
        var words = WordIndex.Load(model.WordIndexPath!);

        var predictions = SentimentPredictor.Predict(model, words, [.. Positive, .. Negative], AcceleratorKind.Cpu);

        var shown = string.Join(", ", predictions.Select(p => p.Probability.ToString("F3")));
        Assert.All(predictions.Take(Positive.Length), p => Assert.True(p.Probability > 0.8, shown));
        Assert.All(predictions.Skip(Positive.Length), p => Assert.True(p.Probability < 0.2, shown));
        Assert.Equal([.. Enumerable.Repeat("positive", 4), .. Enumerable.Repeat("negative", 4)],
            predictions.Select(p => p.Label));
    }

    [Fact]
    public void Empty_unknown_non_ascii_and_huge_reviews_each_get_a_probability()
    {
        var model = SavedModel.Load(fixture.Directory);
        var words = WordIndex.Load(model.WordIndexPath!);
        string huge = string.Join(' ', Enumerable.Repeat("the film was dreadful", 25_000));

        var predictions = SentimentPredictor.Predict(model, words,
            ["", "qzxv blorptang", "日本語のレビュー。", huge, "superb " + huge], AcceleratorKind.Cpu);

        Assert.Equal(5, predictions.Count);
        Assert.All(predictions, p => Assert.InRange(p.Probability, 0f, 1f));
        Assert.Equal([0, 0, 0, 100_000, 100_001], predictions.Select(p => p.KnownWords));
        Assert.Equal(predictions[0].Probability, predictions[1].Probability);
        Assert.Equal(predictions[0].Probability, predictions[2].Probability);
        Assert.Equal("negative", predictions[3].Label);

        // Like training, a long review keeps its last 256 tokens: the first word is cut off.
        Assert.Equal(predictions[3].Probability, predictions[4].Probability);
    }

    [Fact]
    public void A_prediction_does_not_depend_on_the_other_reviews_of_its_batch()
    {
        var model = SavedModel.Load(fixture.Directory);
        var words = WordIndex.Load(model.WordIndexPath!);

        var alone = SentimentPredictor.Predict(model, words, [Negative[1]], AcceleratorKind.Cpu);
        var together = SentimentPredictor.Predict(model, words, [.. Positive, .. Negative], AcceleratorKind.Cpu);

        Assert.Equal(alone[0].Probability, together[Positive.Length + 1].Probability);
    }
}
