using GpuImdb.Trainer.Data;

namespace GpuImdb.Trainer.Model;

/// <summary>Keras's default initial values for the model's parameters, drawn on the host.</summary>
public static class Initializers
{
    /// <summary>Keras's <c>RandomUniform(-0.05, 0.05)</c>, the Embedding layer's default.</summary>
    public const float EmbeddingLimit = 0.05f;

    /// <summary>
    /// A flat parameter vector: embeddings uniform in ±0.05, dense kernels Glorot uniform
    /// (±sqrt(6 / (fan_in + fan_out))), biases zero. Same seed, same values.
    /// </summary>
    public static float[] Create(ModelConfig config, uint seed)
    {
        ArgumentNullException.ThrowIfNull(config);
        var values = new float[config.ParameterCount];
        var random = new NumpyRandomState(seed);
        foreach (var tensor in config.Tensors)
        {
            var span = values.AsSpan(tensor.Offset, tensor.Length);
            switch (tensor.Name)
            {
                case "embeddings":
                    Uniform(span, EmbeddingLimit, random);
                    break;
                case "kernel":
                    int fanIn = tensor.Shape[0];
                    int fanOut = tensor.Shape[1];
                    Uniform(span, MathF.Sqrt(6f / (fanIn + fanOut)), random);
                    break;
                default:
                    span.Clear();
                    break;
            }
        }

        return values;
    }

    private static void Uniform(Span<float> values, float limit, NumpyRandomState random)
    {
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (float)((random.NextDouble() * 2 - 1) * limit);
        }
    }
}
