using GpuImdb.Kernels;
using GpuImdb.Trainer.Model;
using GpuImdb.Trainer.Output;
using GpuImdb.Trainer.Tests.Output;
using GpuImdb.Trainer.Training;

namespace GpuImdb.Trainer.Tests.Training;

public sealed class CheckpointResumeTests : IDisposable
{
    // 220 training reviews in batches of 32: 7 steps per epoch, the last one partial.
    private static readonly TrainerOptions Options = new()
    {
        Accelerator = AcceleratorKind.Cpu,
        Epochs = 6,
        BatchSize = 32,
        ValidationSize = 80,
        LearningRate = 0.01,
        Seed = 5,
        Model = new ModelConfig(SyntheticReviews.VocabSize, SequenceLength: 20, EmbeddingDim: 6, HiddenUnits: 5),
    };

    private static readonly ImdbTensors Data =
        SyntheticReviews.Create(trainCount: 300, testCount: 90, sequenceLength: 20, seed: 4);

    private readonly TempDirectory _dir = new();

    private string CheckpointPath => _dir.File(TrainingCheckpoint.FileName);

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_run_killed_after_epoch_three_resumes_to_the_history_and_weights_of_an_uninterrupted_run()
    {
        var options = Options with { CheckpointPath = CheckpointPath };
        var uninterrupted = ImdbTrainer.Train(Data, Options, ITrainingObserver.None);

        Assert.Throws<SimulatedKill>(() => ImdbTrainer.Train(Data, options, new KillAfterEpoch(3)));
        var checkpoint = CheckpointFile.Read(CheckpointPath);
        var resumed = ImdbTrainer.Train(Data, options, ITrainingObserver.None, resume: checkpoint);

        Assert.Equal(3, checkpoint.CompletedEpochs);
        Assert.Null(checkpoint.Unfinished);
        Assert.Equal(21, checkpoint.AdamSteps);
        AssertSameRun(uninterrupted, resumed);
    }

    [Fact]
    public void A_run_interrupted_three_times_resumes_to_the_history_and_weights_of_an_uninterrupted_run()
    {
        var options = Options with { CheckpointPath = CheckpointPath };
        var uninterrupted = ImdbTrainer.Train(Data, Options, ITrainingObserver.None);

        // Inside epoch 2 (after its step 3), at the end of epoch 3, inside epoch 5 (after its step 2).
        var first = Interrupt(options, afterSteps: 10, resume: null);
        var inEpoch2 = CheckpointFile.Read(CheckpointPath);
        var second = Interrupt(options, afterSteps: 4 + 7, resume: inEpoch2);
        var afterEpoch3 = CheckpointFile.Read(CheckpointPath);
        var third = Interrupt(options, afterSteps: 7 + 2, resume: afterEpoch3);
        var inEpoch5 = CheckpointFile.Read(CheckpointPath);
        var resumed = ImdbTrainer.Train(Data, options, ITrainingObserver.None, resume: inEpoch5);

        Assert.Equal((2, 3, 7, CheckpointPath), (first.Epoch, first.StepsDone, first.Steps, first.CheckpointPath));
        Assert.Equal((2, 3, 10), (inEpoch2.Unfinished!.Epoch, inEpoch2.Unfinished.StepsDone, inEpoch2.AdamSteps));
        var sums = inEpoch2.Unfinished.MetricSums;
        Assert.Equal(14, sums.Length);
        Assert.All(sums[..6], value => Assert.True(value > 0, $"slot value {value}"));
        Assert.All(sums[6..], value => Assert.Equal(0f, value));
        Assert.Equal((3, 7), (second.Epoch, second.StepsDone));
        Assert.Equal((3, 21), (afterEpoch3.CompletedEpochs, afterEpoch3.AdamSteps));
        Assert.Null(afterEpoch3.Unfinished);
        Assert.Equal((5, 2), (third.Epoch, third.StepsDone));
        AssertSameRun(uninterrupted, resumed);
    }

    [Fact]
    public void Early_stopping_and_the_best_weights_survive_an_interruption()
    {
        var recipe = Options with { Epochs = 40, LearningRate = 0.05, Patience = 2, RestoreBest = true };
        var uninterrupted = ImdbTrainer.Train(Data, recipe, ITrainingObserver.None);
        var options = recipe with { CheckpointPath = CheckpointPath };

        Interrupt(options, afterSteps: 7 * uninterrupted.BestEpoch!.Value + 2, resume: null);
        var checkpoint = CheckpointFile.Read(CheckpointPath);
        var resumed = ImdbTrainer.Train(Data, options, ITrainingObserver.None, resume: checkpoint);

        Assert.Equal(uninterrupted.BestEpoch, checkpoint.Stopping.BestEpoch);
        Assert.NotNull(checkpoint.BestParameters);
        Assert.NotNull(uninterrupted.StoppedEpoch);
        Assert.Equal(uninterrupted.StoppedEpoch, resumed.StoppedEpoch);
        Assert.Equal(uninterrupted.BestEpoch, resumed.BestEpoch);
        AssertSameRun(uninterrupted, resumed);
    }

    [Fact]
    public void An_interrupt_without_a_checkpoint_path_stops_after_the_step_and_saves_nothing()
    {
        using var stop = new StopAfterSteps(4);

        var error = Assert.Throws<TrainingInterruptedException>(() =>
            ImdbTrainer.Train(Data, Options, stop, cancellation: stop.Token));

        Assert.Equal((1, 4), (error.Epoch, error.StepsDone));
        Assert.Null(error.CheckpointPath);
        Assert.Contains("Interrupted in epoch 1 after step 4 of 7; no checkpoint was saved", error.Message);
        Assert.False(File.Exists(CheckpointPath));
    }

    [Fact]
    public void A_nan_loss_stops_the_run_naming_epoch_and_step_and_keeps_the_last_good_checkpoint()
    {
        var options = Options with { Epochs = 2, CheckpointPath = CheckpointPath };
        ImdbTrainer.Train(Data, options, ITrainingObserver.None);
        var good = CheckpointFile.Read(CheckpointPath);
        var poisoned = good with { Parameters = [.. good.Parameters[..^1], float.NaN] };

        var error = Assert.Throws<TrainingDivergedException>(() =>
            ImdbTrainer.Train(Data, options with { Epochs = 4 }, ITrainingObserver.None, resume: poisoned));

        Assert.Equal((3, 1), (error.Epoch, error.Step));
        Assert.StartsWith("Training diverged: the training loss became NaN in epoch 3, step 1. The last good "
            + $"checkpoint (after epoch 2) is kept in {CheckpointPath}.", error.Message);
        var kept = CheckpointFile.Read(CheckpointPath);
        Assert.Equal(2, kept.CompletedEpochs);
        Assert.Equal(good.Parameters, kept.Parameters);
    }

    [Fact]
    public void A_huge_learning_rate_diverges_in_the_first_epoch_before_any_checkpoint()
    {
        var options = Options with { LearningRate = 1e30, CheckpointPath = CheckpointPath };

        var error = Assert.Throws<TrainingDivergedException>(() =>
            ImdbTrainer.Train(Data, options, ITrainingObserver.None));

        Assert.Equal(1, error.Epoch);
        Assert.Contains("No checkpoint was saved before it.", error.Message);
        Assert.Contains("lower --learning-rate (this run used 1E+30)", error.Message);
        Assert.False(File.Exists(CheckpointPath));
    }

    private static TrainingInterruptedException Interrupt(
        TrainerOptions options, int afterSteps, TrainingCheckpoint? resume)
    {
        using var stop = new StopAfterSteps(afterSteps);
        return Assert.Throws<TrainingInterruptedException>(() =>
            ImdbTrainer.Train(Data, options, stop, cancellation: stop.Token, resume: resume));
    }

    // Timings differ between runs; every figure and weight must not.
    private static void AssertSameRun(TrainingResult expected, TrainingResult actual)
    {
        Assert.Equal(expected.History.Count, actual.History.Count);
        Assert.Equal(expected.History.Select(Figures), actual.History.Select(Figures));
        Assert.Equal(expected.Parameters, actual.Parameters);
        Assert.Equal(expected.TestLoss, actual.TestLoss);
        Assert.Equal(expected.TestAccuracy, actual.TestAccuracy);
    }

    private static (int, double, double, double, double) Figures(EpochResult e) =>
        (e.Epoch, e.Loss, e.Accuracy, e.ValLoss, e.ValAccuracy);

    private sealed class SimulatedKill : Exception;

    // Throws once the epoch's checkpoint is on disk, as if the process died there.
    private sealed class KillAfterEpoch(int epoch) : ITrainingObserver
    {
        public void EpochCompleted(EpochResult result)
        {
            if (result.Epoch == epoch)
            {
                throw new SimulatedKill();
            }
        }
    }
}
