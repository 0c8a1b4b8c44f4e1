using GpuImdb.Kernels;
using GpuImdb.Trainer.Model;

namespace GpuImdb.Trainer.Tests.Training;

public class CrossBackendTests
{
    private const int Steps = 6;
    private const int B = 16;

    private static readonly ModelConfig Config =
        new(VocabSize: 60, SequenceLength: 24, EmbeddingDim: 8, HiddenUnits: 6);

    [SkippableTheory]
    [InlineData(AcceleratorKind.Cuda)]
    [InlineData(AcceleratorKind.OpenCL)]
    public void Losses_of_a_few_training_steps_match_the_cpu_accelerator(AcceleratorKind gpu)
    {
        var gpuLosses = TryTrain(gpu, out string why);
        Skip.If(gpuLosses is null, $"no usable {ComputeDevice.KindName(gpu)} device: {why}");

        var cpuLosses = TryTrain(AcceleratorKind.Cpu, out _)!;

        for (int step = 0; step < Steps; step++)
        {
            Assert.True(Math.Abs(cpuLosses[step] - gpuLosses![step]) <= 1e-4,
                $"step {step}: CPU loss {cpuLosses[step]:G9}, {gpu} loss {gpuLosses[step]:G9}");
        }
    }

    [Fact]
    public void The_cpu_accelerator_repeats_its_own_losses_exactly()
    {
        var first = TryTrain(AcceleratorKind.Cpu, out _)!;
        var second = TryTrain(AcceleratorKind.Cpu, out _)!;

        Assert.Equal(first, second);
        Assert.True(first[^1] < first[0], $"loss did not fall: {string.Join(", ", first)}");
    }

    // Trains Steps Adam steps on one fixed batch and returns the mean loss of each step.
    private static float[]? TryTrain(AcceleratorKind kind, out string why)
    {
        ComputeDevice device;
        try
        {
            device = DeviceSelector.Open(kind);
        }
        catch (DeviceUnavailableException e)
        {
            why = e.Message;
            return null;
        }

        why = "";
        using (device)
        {
            var accelerator = device.Accelerator;
            var random = new Random(17);
            var tokens = Enumerable.Range(0, B * Config.SequenceLength)
                .Select(i => i % Config.SequenceLength < 18 ? random.Next(1, Config.VocabSize) : 0)
                .ToArray();
            var labels = Enumerable.Range(0, B).Select(i => (float)(tokens[i * Config.SequenceLength] % 2)).ToArray();
            using var model = new SentimentModel(accelerator, Config, B, Initializers.Create(Config, seed: 4));
            using var tokensBuffer = accelerator.Allocate1D(tokens);
            using var labelsBuffer = accelerator.Allocate1D(labels);
            using var metrics = accelerator.Allocate1D<float>(2 * Steps);
            metrics.MemSetToZero();
            for (int step = 0; step < Steps; step++)
            {
                model.Forward(tokensBuffer.View, B);
                model.Loss(labelsBuffer.View, B, metrics.View, step);
                model.Backward(tokensBuffer.View, B);
                model.Update(AdamSettings.ForStep(step + 1, learningRate: 0.01));
            }

            var sums = metrics.GetAsArray1D();
            return Enumerable.Range(0, Steps).Select(s => sums[2 * s] / B).ToArray();
        }
    }
}
