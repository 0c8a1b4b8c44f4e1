using GpuImdb.Trainer.Model;

namespace GpuImdb.Trainer.Output;

/// <summary>
/// <c>weights.npz</c>: one float32 array per parameter tensor, named by layer
/// (<c>embedding_embeddings</c>, <c>dense_kernel</c>, …) with Keras's shapes.
/// </summary>
public static class WeightsFile
{
    /// <summary>The file name inside a model folder.</summary>
    public const string FileName = "weights.npz";

    /// <summary>
    /// The flat parameter vector as named arrays: embedding_embeddings [V, E], dense_kernel [E, H], ….
    /// </summary>
    public static IEnumerable<NamedArray> Arrays(ModelConfig config, float[] parameters)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(parameters);
        return config.Tensors.Select(t =>
            new NamedArray(t.FileName, parameters.AsSpan(t.Offset, t.Length).ToArray(), t.Shape));
    }

    /// <summary>Writes <paramref name="parameters"/> as named arrays, atomically.</summary>
    public static void Write(string path, ModelConfig config, float[] parameters) =>
        NpzWriter.Write(path, Arrays(config, parameters));

    /// <summary>
    /// Reads every tensor of <paramref name="config"/> back into one flat vector. Throws
    /// <see cref="UserErrorException"/> when an array is missing or has another shape.
    /// </summary>
    public static float[] Read(string path, ModelConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        const string hint = "Train the model again, or restore the weights file written by 'gpuimdb train'.";
        using var npz = NpzFloatReader.Open(path, hint);
        var parameters = new float[config.ParameterCount];
        foreach (var tensor in config.Tensors)
        {
            var array = npz.Read(tensor.FileName);
            if (!array.Shape.SequenceEqual(tensor.Shape))
            {
                throw new UserErrorException(
                    $"{path}: '{tensor.FileName}' has shape ({string.Join(", ", array.Shape)}), but the model "
                    + $"needs ({string.Join(", ", tensor.Shape)}). {hint}");
            }

            array.Values.CopyTo(parameters, tensor.Offset);
        }

        return parameters;
    }
}
