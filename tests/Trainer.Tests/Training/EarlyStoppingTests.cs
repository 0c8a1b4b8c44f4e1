using GpuImdb.Kernels;
using GpuImdb.Trainer.Model;
using GpuImdb.Trainer.Training;

namespace GpuImdb.Trainer.Tests.Training;

public class EarlyStoppingTests
{
    // Overfits within a few dozen epochs: few reviews, a high learning rate.
    private static readonly TrainerOptions Options = new()
    {
        Accelerator = AcceleratorKind.Cpu,
        Epochs = 40,
        BatchSize = 32,
        ValidationSize = 100,
        LearningRate = 0.05,
        Seed = 7,
        Model = new ModelConfig(SyntheticReviews.VocabSize, SequenceLength: 20, EmbeddingDim: 6, HiddenUnits: 5),
    };

    private static readonly ImdbTensors Data =
        SyntheticReviews.Create(trainCount: 260, testCount: 120, sequenceLength: 20, seed: 11);

    [Fact]
    public void Patience_counts_epochs_without_a_strictly_lower_loss_as_keras_does()
    {
        double[] valLosses = [0.50, 0.40, 0.40, 0.41, 0.39, 0.45, 0.39, 0.47];
        var state = new EarlyStopping(Patience: 3);

        var states = valLosses.Select((loss, i) => state = state.Observe(i + 1, loss)).ToList();

        Assert.Equal([1, 2, 2, 2, 5, 5, 5, 5], states.Select(s => s.BestEpoch ?? 0));
        Assert.Equal([0, 0, 1, 2, 0, 1, 2, 3], states.Select(s => s.Wait));
        Assert.Equal([null, null, null, null, null, null, null, 8], states.Select(s => s.StoppedEpoch));
        Assert.Equal(0.39, state.BestValLoss);
    }

    [Fact]
    public void A_nan_loss_is_never_an_improvement_and_no_patience_never_stops()
    {
        var state = new EarlyStopping(Patience: null);

        state = state.Observe(1, double.NaN).Observe(2, 0.7).Observe(3, double.NaN);
        for (int epoch = 4; epoch < 100; epoch++)
        {
            state = state.Observe(epoch, 0.8);
        }

        Assert.Equal(2, state.BestEpoch);
        Assert.Equal(97, state.Wait);
        Assert.False(state.ShouldStop);
    }

    [Fact]
    public void Patience_ends_the_run_three_epochs_after_the_lowest_validation_loss()
    {
        var result = ImdbTrainer.Train(Data, Options with { Patience = 3 }, ITrainingObserver.None);

        var lowest = result.History.MinBy(e => e.ValLoss)!;
        Assert.NotNull(result.StoppedEpoch);
        Assert.True(result.StoppedEpoch < Options.Epochs, $"stopped after epoch {result.StoppedEpoch}");
        Assert.Equal(result.StoppedEpoch, result.History.Count);
        Assert.Equal(lowest.Epoch, result.BestEpoch);
        Assert.Equal(result.BestEpoch + 3, result.StoppedEpoch);
    }

    [Fact]
    public void Restore_best_ends_with_exactly_the_weights_and_test_figures_of_the_best_epoch()
    {
        var options = Options with { Patience = 3, RestoreBest = true };
        var stopped = ImdbTrainer.Train(Data, options, ITrainingObserver.None);
        int best = stopped.BestEpoch!.Value;

        var plain = ImdbTrainer.Train(Data, Options with { Epochs = best }, ITrainingObserver.None);

        Assert.True(best < stopped.History.Count, $"best epoch {best} of {stopped.History.Count}");
        Assert.Equal(plain.Parameters, stopped.Parameters);
        Assert.Equal(plain.TestLoss, stopped.TestLoss);
        Assert.Equal(plain.TestAccuracy, stopped.TestAccuracy);
    }

    [Fact]
    public void Early_stopping_without_validation_reviews_is_refused()
    {
        var error = Assert.Throws<UserErrorException>(() =>
            ImdbTrainer.Train(Data, Options with { Patience = 2, ValidationSize = 0 }, ITrainingObserver.None));

        Assert.Contains("--patience watches the validation loss", error.Message);
    }
}
