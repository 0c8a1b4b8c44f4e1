using GpuImdb.Kernels;
using GpuImdb.Tests;
using GpuImdb.Trainer.Training;

namespace GpuImdb.Trainer.Tests.Training;

public class RealDataTrainingTests
{
    [Fact]
    public void Five_epochs_of_the_tutorial_recipe_on_the_real_reviews_clear_075_validation_accuracy()
    {
        var options = new TrainerOptions
        {
            Accelerator = AcceleratorKind.Cpu,
            DataPath = SharedData.ImdbNpz,
            Epochs = 5,
        };

        var result = ImdbTrainer.Run(options, ITrainingObserver.None);

        Assert.Equal(15_000, result.Plan.TrainSamples);
        Assert.Equal(30, result.Plan.StepsPerEpoch);
        Assert.Equal(25_000, result.Plan.TestSamples);
        Assert.Equal(160_289, result.Parameters.Length);
        Assert.True(result.History[^1].ValAccuracy >= 0.75, $"val_accuracy {result.History[^1].ValAccuracy:F4}");
        Assert.True(result.TestAccuracy >= 0.75, $"test accuracy {result.TestAccuracy:F4}");
        Assert.True(result.History.Zip(result.History.Skip(1)).All(p => p.Second.Loss < p.First.Loss),
            "training loss did not fall every epoch: " + string.Join(", ", result.History.Select(h => h.Loss)));
    }
}
