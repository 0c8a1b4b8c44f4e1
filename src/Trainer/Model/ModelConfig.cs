namespace GpuImdb.Trainer.Model;

/// <summary>
/// Sizes of the tutorial's model: Embedding(V, E) → mean over T positions → Dense(H, relu) →
/// Dense(1, sigmoid).
/// </summary>
/// <param name="VocabSize">V, rows of the embedding table (Keras's num_words).</param>
/// <param name="SequenceLength">T, tokens per review after padding.</param>
/// <param name="EmbeddingDim">E, width of an embedding row.</param>
/// <param name="HiddenUnits">H, units of the hidden dense layer.</param>
/// <param name="MaskPadding">
/// Average over the real tokens only, skipping id 0 (Keras's <c>mask_zero=True</c>); the tutorial
/// averages over all T positions, padding included.
/// </param>
public sealed record ModelConfig(
    int VocabSize = 10_000,
    int SequenceLength = 256,
    int EmbeddingDim = 16,
    int HiddenUnits = 16,
    bool MaskPadding = false)
{
    /// <summary>The parameter tensors, in the order they sit in the flat parameter buffer.</summary>
    public IReadOnlyList<ParameterTensor> Tensors
    {
        get
        {
            var tensors = new List<ParameterTensor>();
            int offset = 0;
            void Add(string layer, string name, params int[] shape)
            {
                var tensor = new ParameterTensor(layer, name, shape, offset);
                tensors.Add(tensor);
                offset += tensor.Length;
            }

            Add("embedding", "embeddings", VocabSize, EmbeddingDim);
            Add("dense", "kernel", EmbeddingDim, HiddenUnits);
            Add("dense", "bias", HiddenUnits);
            Add("dense_1", "kernel", HiddenUnits, 1);
            Add("dense_1", "bias", 1);
            return tensors;
        }
    }

    /// <summary>Total trainable parameters (160,289 for the tutorial's sizes).</summary>
    public int ParameterCount => Tensors.Sum(t => t.Length);

    /// <summary>Keras-like summary rows: layer name and type, output shape, parameters.</summary>
    public IReadOnlyList<LayerSummary> Summary =>
    [
        new("embedding (Embedding)", $"(None, {SequenceLength}, {EmbeddingDim})", VocabSize * EmbeddingDim),
        new("global_average_pooling1d (GlobalAveragePooling1D)", $"(None, {EmbeddingDim})", 0),
        new("dense (Dense)", $"(None, {HiddenUnits})", (EmbeddingDim + 1) * HiddenUnits),
        new("dense_1 (Dense)", "(None, 1)", HiddenUnits + 1),
    ];

    /// <summary>Throws <see cref="UserErrorException"/> when a size is not positive.</summary>
    public void Validate()
    {
        InRange(VocabSize, "--vocab-size", MaxVocabSize);
        InRange(SequenceLength, "--max-length", MaxSequenceLength);
        InRange(EmbeddingDim, "--embedding-dim", MaxWidth);
        InRange(HiddenUnits, "--hidden-units", MaxWidth);
        if ((long)VocabSize * EmbeddingDim > MaxEmbeddingValues)
        {
            throw new UserErrorException(
                $"--vocab-size {VocabSize} × --embedding-dim {EmbeddingDim} makes an embedding table of "
                + $"{(long)VocabSize * EmbeddingDim:N0} values; the limit is {MaxEmbeddingValues:N0} (64 MB per copy, "
                + "and training keeps five). Lower one of them.");
        }
    }

    // NOTE: limits keep a mistyped size from allocating gigabytes before anything fails. The longest
    // IMDB review has 2,494 tokens and Keras's word index 88,584 words, so none binds a real run.
    private const int MaxVocabSize = 1_000_000;
    private const int MaxSequenceLength = 4096;
    private const int MaxWidth = 1024;
    private const long MaxEmbeddingValues = 16L * 1024 * 1024;

    private static void InRange(int value, string option, int maximum)
    {
        if (value <= 0)
        {
            throw new UserErrorException($"{option} must be greater than 0, got {value}.");
        }

        if (value > maximum)
        {
            throw new UserErrorException($"{option} {value} is above this tool's limit of {maximum:N0}.");
        }
    }
}

/// <summary>One row of the model summary.</summary>
public sealed record LayerSummary(string Layer, string OutputShape, int Parameters);

/// <summary>A named slice of the flat parameter buffer.</summary>
/// <param name="Layer">Keras layer name, e.g. "dense".</param>
/// <param name="Name">Weight name within the layer, e.g. "kernel".</param>
/// <param name="Shape">Row-major shape.</param>
/// <param name="Offset">First element in the flat buffer.</param>
public sealed record ParameterTensor(string Layer, string Name, int[] Shape, int Offset)
{
    /// <summary>Number of elements.</summary>
    public int Length => Shape.Aggregate(1, (a, b) => a * b);

    /// <summary>Name used in saved weight files, e.g. "dense_kernel".</summary>
    public string FileName => $"{Layer}_{Name}";
}
