using GpuImdb.Trainer.Training;

namespace GpuImdb.Trainer.Tests.Training;

/// <summary>Cancels its token once the run has launched a given number of steps, as Ctrl+C would.</summary>
internal sealed class StopAfterSteps(int steps) : ITrainingObserver, IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private int _launched;

    public CancellationToken Token => _source.Token;

    public void StepLaunched(int epoch, int step, int stepsPerEpoch)
    {
        if (++_launched == steps)
        {
            _source.Cancel();
        }
    }

    public void Dispose() => _source.Dispose();
}
