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
}

/// <summary>The observer behind <see cref="ITrainingObserver.None"/>.</summary>
internal sealed class Silent : ITrainingObserver
{
}
