using GpuImdb.Kernels;
using GpuImdb.Trainer.Model;

namespace GpuImdb.Trainer.Tests.Training;

public class ModelGradientTests
{
    private const int B = 5;

    // Central differences of a float32 loss: a step of 1e-3 keeps rounding noise near 5e-5, below
    // Atol. With this seed no hidden pre-activation lies within a step of the ReLU's kink (at 3e-3
    // one does, and the bias of that unit then disagrees, as a kink should).
    private const float Step = 1e-3f;
    private const double Atol = 2e-4;
    private const double Rtol = 2e-2;

    private static readonly ModelConfig Config =
        new(VocabSize: 13, SequenceLength: 6, EmbeddingDim: 4, HiddenUnits: 3);

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public void Backward_matches_finite_differences_of_the_loss_on_a_tiny_batch(bool fused, bool maskPadding)
    {
        var config = Config with { MaskPadding = maskPadding };
        using var device = DeviceSelector.Open(AcceleratorKind.Cpu);
        var accelerator = device.Accelerator;
        var random = new Random(5);
        var tokens = Enumerable.Range(0, B * Config.SequenceLength)
            .Select(_ => random.Next(Config.VocabSize))
            .ToArray();
        tokens[0] = tokens[1] = tokens[2] = 4;
        tokens[^1] = tokens[^2] = 0;
        var labels = new float[] { 1, 0, 1, 1, 0 };
        var parameters = Initializers.Create(config, seed: 11);
        for (int i = 0; i < Config.VocabSize * Config.EmbeddingDim; i++)
        {
            parameters[i] *= 20f;
        }

        using var model = new SentimentModel(accelerator, config, B, parameters, fused);
        using var tokensBuffer = accelerator.Allocate1D(tokens);
        using var labelsBuffer = accelerator.Allocate1D(labels);
        using var metrics = accelerator.Allocate1D<float>(2);

        float Loss(float[] values)
        {
            model.WriteParameters(values);
            metrics.MemSetToZero();
            model.Forward(tokensBuffer.View, B);
            model.Loss(labelsBuffer.View, B, metrics.View, 0);
            return metrics.GetAsArray1D()[0] / B;
        }

        Loss(parameters);
        model.Backward(tokensBuffer.View, B);
        var analytic = model.ReadGradients();

        int checkedCount = 0;
        int nonZero = 0;
        for (int i = 0; i < parameters.Length; i++)
        {
            var plus = (float[])parameters.Clone();
            var minus = (float[])parameters.Clone();
            plus[i] += Step;
            minus[i] -= Step;
            double numeric = ((double)Loss(plus) - Loss(minus)) / (2 * Step);
            double diff = Math.Abs(analytic[i] - numeric);
            Assert.True(diff <= Atol + Rtol * Math.Abs(numeric),
                $"parameter {i}: backward {analytic[i]:G6}, finite difference {numeric:G6}");
            checkedCount++;
            nonZero += Math.Abs(numeric) > 1e-4 ? 1 : 0;
        }

        Assert.Equal(Config.ParameterCount, checkedCount);
        Assert.True(nonZero > Config.ParameterCount / 3, $"only {nonZero} gradients are non-zero");
    }

    [Fact]
    public void Fused_and_layer_by_layer_models_give_the_same_loss_and_gradients()
    {
        using var device = DeviceSelector.Open(AcceleratorKind.Cpu);
        var accelerator = device.Accelerator;
        var config = new ModelConfig(VocabSize: 50, SequenceLength: 33, EmbeddingDim: 7, HiddenUnits: 5);
        var random = new Random(9);
        var tokens = Enumerable.Range(0, 11 * 33).Select(_ => random.Next(50)).ToArray();
        var labels = Enumerable.Range(0, 11).Select(i => (float)(i % 2)).ToArray();
        var parameters = Initializers.Create(config, seed: 3);
        using var tokensBuffer = accelerator.Allocate1D(tokens);
        using var labelsBuffer = accelerator.Allocate1D(labels);
        using var metrics = accelerator.Allocate1D<float>(4);
        metrics.MemSetToZero();

        float[] Gradients(bool fused, int slot)
        {
            using var model = new SentimentModel(accelerator, config, 11, parameters, fused);
            model.Forward(tokensBuffer.View, 11);
            model.Loss(labelsBuffer.View, 11, metrics.View, slot);
            model.Backward(tokensBuffer.View, 11);
            return model.ReadGradients();
        }

        var fusedGradients = Gradients(fused: true, slot: 0);
        var layeredGradients = Gradients(fused: false, slot: 1);
        var sums = metrics.GetAsArray1D();

        Assert.Equal(sums[0], sums[2], 5);
        Assert.Equal(sums[1], sums[3]);
        for (int i = 0; i < fusedGradients.Length; i++)
        {
            double diff = Math.Abs(fusedGradients[i] - layeredGradients[i]);
            Assert.True(diff <= 1e-6 + 1e-4 * Math.Abs(layeredGradients[i]),
                $"gradient {i}: fused {fusedGradients[i]:G9}, layer by layer {layeredGradients[i]:G9}");
        }
    }
}
