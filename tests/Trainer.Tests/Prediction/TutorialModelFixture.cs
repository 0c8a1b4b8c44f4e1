using GpuImdb.Kernels;
using GpuImdb.Tests;
using GpuImdb.Trainer.Output;
using GpuImdb.Trainer.Training;

namespace GpuImdb.Trainer.Tests.Prediction;

/// <summary>
/// The tutorial's model, trained once on the real reviews (40 epochs of the default recipe on the
/// CPU accelerator, about 20 s) and saved as a model folder, for the tests that use a trained model.
/// </summary>
public sealed class TutorialModelFixture : IDisposable
{
    public TutorialModelFixture()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("gpuimdb-model-").FullName;
        var options = new TrainerOptions { Accelerator = AcceleratorKind.Cpu, DataPath = SharedData.ImdbNpz };
        Result = ImdbTrainer.Run(options, ITrainingObserver.None);
        RunOutput.Prepare(Directory).Save(Result, SharedData.WordIndexJson);
    }

    /// <summary>The model folder.</summary>
    public string Directory { get; }

    /// <summary>The training run, with its test figures.</summary>
    public TrainingResult Result { get; }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
