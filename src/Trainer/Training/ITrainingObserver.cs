namespace GpuImdb.Trainer.Training;

/// <summary>
/// Receives a run's progress. The trainer never writes to the console; the CLI renders these.
/// Every method has an empty default so an observer implements only what it shows.
/// </summary>
public interface ITrainingObserver
{
    /// <summary>An observer that shows nothing.</summary>
    static ITrainingObserver None { get; } = new Silent();

    /// <summary>The device is open, the data loaded and the kernels compiled.</summary>
    void Started(TrainingPlan plan)
    {
    }

    /// <summary>A training step was launched (the device may still be running it).</summary>
    void StepLaunched(int epoch, int step, int steps)
    {
    }

    /// <summary>An epoch finished, with its metrics read back from the device.</summary>
    void EpochCompleted(EpochResult result)
    {
    }

    /// <summary>The run continues from <paramref name="checkpoint"/> (reported after <see cref="Started"/>).</summary>
    void Resumed(TrainingCheckpoint checkpoint)
    {
    }

    /// <summary>A checkpoint was written to <paramref name="path"/>.</summary>
    void CheckpointSaved(string path, TrainingCheckpoint checkpoint)
    {
    }

    /// <summary>
    /// Early stopping ends the run after <paramref name="stoppedEpoch"/>: the validation loss last
    /// improved in <paramref name="bestEpoch"/>, to <paramref name="bestValLoss"/>.
    /// </summary>
    void EarlyStopped(int stoppedEpoch, int bestEpoch, double bestValLoss)
    {
    }

    /// <summary>The weights of <paramref name="bestEpoch"/> were put back before the test.</summary>
    void BestWeightsRestored(int bestEpoch)
    {
    }
}

/// <summary>The observer behind <see cref="ITrainingObserver.None"/>.</summary>
internal sealed class Silent : ITrainingObserver
{
}
