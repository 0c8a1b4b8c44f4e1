using GpuImdb.Kernels;
using GpuImdb.Tests;
using GpuImdb.Trainer.Data;
using GpuImdb.Trainer.Training;

namespace GpuImdb.Trainer.Tests.Training;

public class RawDataTrainingTests
{
    [Fact]
    public void One_epoch_from_the_tarball_matches_one_epoch_from_the_npz_exactly()
    {
        var options = new TrainerOptions { Accelerator = AcceleratorKind.Cpu, Epochs = 1, Seed = 42 };

        var fromNpz = ImdbTrainer.Run(options with { DataPath = SharedData.ImdbNpz }, ITrainingObserver.None);
        var fromTar = ImdbTrainer.Run(
            options with { DataPath = SharedData.AclImdbTarGz, DataFormat = DataFormat.Raw },
            ITrainingObserver.None);

        Assert.Equal(ImdbFormat.AclImdbTarGz, fromTar.Plan.DataFormat);
        Assert.Equal(SharedData.WordIndexJson, fromTar.Plan.WordIndexPath);
        Assert.Null(fromTar.BuiltWordIndex);
        var npzEpoch = fromNpz.History.Single();
        var tarEpoch = fromTar.History.Single();
        Assert.Equal(
            (npzEpoch.Loss, npzEpoch.Accuracy, npzEpoch.ValLoss, npzEpoch.ValAccuracy),
            (tarEpoch.Loss, tarEpoch.Accuracy, tarEpoch.ValLoss, tarEpoch.ValAccuracy));
        Assert.Equal(fromNpz.TestLoss, fromTar.TestLoss);
        Assert.Equal(fromNpz.TestAccuracy, fromTar.TestAccuracy);
        Assert.Equal(fromNpz.Parameters, fromTar.Parameters);
    }
}
