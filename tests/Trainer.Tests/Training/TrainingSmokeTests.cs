using GpuImdb.Kernels;
using GpuImdb.Trainer.Model;
using GpuImdb.Trainer.Training;

namespace GpuImdb.Trainer.Tests.Training;

public class TrainingSmokeTests
{
    private static readonly TrainerOptions Options = new()
    {
        Accelerator = AcceleratorKind.Cpu,
        Epochs = 12,
        BatchSize = 32,
        ValidationSize = 100,
        LearningRate = 0.01,
        Seed = 7,
        Model = new ModelConfig(SyntheticReviews.VocabSize, SequenceLength: 20, EmbeddingDim: 6, HiddenUnits: 5),
    };

    [Fact]
    public void Loss_falls_and_validation_accuracy_rises_on_a_learnable_set()
    {
        var data = SyntheticReviews.Create(trainCount: 420, testCount: 150, sequenceLength: 20, seed: 1);

        var result = ImdbTrainer.Train(data, Options, ITrainingObserver.None);

        Assert.Equal(12, result.History.Count);
        Assert.True(result.History[^1].Loss < result.History[0].Loss * 0.5,
            $"loss went from {result.History[0].Loss} to {result.History[^1].Loss}");
        Assert.True(result.History[^1].ValAccuracy > 0.9, $"val_accuracy {result.History[^1].ValAccuracy}");
        Assert.True(result.TestAccuracy > 0.9, $"test accuracy {result.TestAccuracy}");
        Assert.Equal(10, result.Plan.StepsPerEpoch);
    }

    [Fact]
    public void Same_seed_gives_an_identical_history_and_weights()
    {
        var data = SyntheticReviews.Create(trainCount: 200, testCount: 50, sequenceLength: 20, seed: 2);
        var options = Options with { Epochs = 3, ValidationSize = 50 };

        var first = ImdbTrainer.Train(data, options, ITrainingObserver.None);
        var second = ImdbTrainer.Train(data, options, ITrainingObserver.None);
        var otherSeed = ImdbTrainer.Train(data, options with { Seed = 8 }, ITrainingObserver.None);

        Assert.Equal(first.History.Select(h => h.Loss), second.History.Select(h => h.Loss));
        Assert.Equal(first.History.Select(h => h.ValLoss), second.History.Select(h => h.ValLoss));
        Assert.Equal(first.Parameters, second.Parameters);
        Assert.NotEqual(first.Parameters, otherSeed.Parameters);
    }

    [Fact]
    public void Ids_outside_the_vocabulary_are_refused_before_any_kernel_runs()
    {
        var data = SyntheticReviews.Create(trainCount: 60, testCount: 10, sequenceLength: 20, seed: 3);
        data.TrainTokens[5] = SyntheticReviews.VocabSize;

        var error = Assert.Throws<UserErrorException>(() =>
            ImdbTrainer.Train(data, Options with { ValidationSize = 10 }, ITrainingObserver.None));

        Assert.Contains($"training token 5 has id {SyntheticReviews.VocabSize}", error.Message);
    }
}
