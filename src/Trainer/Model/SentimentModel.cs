using GpuImdb.Kernels;
using ILGPU;
using ILGPU.Runtime;

namespace GpuImdb.Trainer.Model;

/// <summary>
/// The tutorial's model on one accelerator: every parameter, gradient, Adam moment and activation
/// is allocated once, for batches of up to <c>maxBatchSize</c> samples, and reused every step.
/// </summary>
/// <remarks>
/// Legend: B = batch, T = sequence length, V = vocabulary, E = embedding width, H = hidden units.
/// A training step is <see cref="Forward"/> → <see cref="Loss"/> → <see cref="Backward"/> →
/// <see cref="Update"/>; evaluation is <see cref="Forward"/> → <see cref="Loss"/>. Nothing here
/// synchronises with the host; <see cref="ReadParameters"/> and metric reads do.
/// </remarks>
public sealed class SentimentModel : IDisposable
{
    private readonly ModelConfig _config;
    private readonly int _maxBatch;

    private readonly Embedding _embedding;
    private readonly MeanPool _meanPool;
    private readonly Dense _dense;
    private readonly SigmoidBce _sigmoidBce;
    private readonly Adam _adam;

    // Flat [P] buffers; each parameter tensor is a slice (see ModelConfig.Tensors).
    private readonly MemoryBuffer1D<float, Stride1D.Dense> _parameters;
    private readonly MemoryBuffer1D<float, Stride1D.Dense> _gradients;
    private readonly MemoryBuffer1D<float, Stride1D.Dense> _firstMoment;
    private readonly MemoryBuffer1D<float, Stride1D.Dense> _secondMoment;

    // Activations and their gradients, sized for the largest batch.
    private readonly MemoryBuffer1D<float, Stride1D.Dense> _embedded;    // [B, T, E]
    private readonly MemoryBuffer1D<float, Stride1D.Dense> _pooled;      // [B, E]
    private readonly MemoryBuffer1D<float, Stride1D.Dense> _hidden;      // [B, H]
    private readonly MemoryBuffer1D<float, Stride1D.Dense> _logits;      // [B]
    private readonly MemoryBuffer1D<float, Stride1D.Dense> _probabilities; // [B]
    private readonly MemoryBuffer1D<float, Stride1D.Dense> _losses;      // [B]
    private readonly MemoryBuffer1D<float, Stride1D.Dense> _correct;     // [B]
    private readonly MemoryBuffer1D<float, Stride1D.Dense> _dLogits;     // [B]
    private readonly MemoryBuffer1D<float, Stride1D.Dense> _dHidden;     // [B, H]
    private readonly MemoryBuffer1D<float, Stride1D.Dense> _dPooled;     // [B, E]
    private readonly MemoryBuffer1D<float, Stride1D.Dense> _dEmbedded;   // [B, T, E]

    private readonly ParameterTensor _embeddings;
    private readonly ParameterTensor _denseKernel;
    private readonly ParameterTensor _denseBias;
    private readonly ParameterTensor _outputKernel;
    private readonly ParameterTensor _outputBias;

    /// <summary>Compiles the kernels and allocates every buffer on <paramref name="accelerator"/>.</summary>
    public SentimentModel(Accelerator accelerator, ModelConfig config, int maxBatchSize, float[] initialParameters)
    {
        ArgumentNullException.ThrowIfNull(accelerator);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(initialParameters);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBatchSize);
        if (initialParameters.Length != config.ParameterCount)
        {
            throw new ArgumentException(
                $"Expected {config.ParameterCount} parameters, got {initialParameters.Length}.",
                nameof(initialParameters));
        }

        _config = config;
        _maxBatch = maxBatchSize;
        var tensors = config.Tensors;
        (_embeddings, _denseKernel, _denseBias, _outputKernel, _outputBias) =
            (tensors[0], tensors[1], tensors[2], tensors[3], tensors[4]);

        _embedding = new Embedding(accelerator);
        _meanPool = new MeanPool(accelerator);
        _dense = new Dense(accelerator);
        _sigmoidBce = new SigmoidBce(accelerator);
        _adam = new Adam(accelerator);

        int p = config.ParameterCount;
        _parameters = accelerator.Allocate1D(initialParameters);
        _gradients = Zeros(accelerator, p);
        _firstMoment = Zeros(accelerator, p);
        _secondMoment = Zeros(accelerator, p);

        long b = maxBatchSize;
        long tokensPerBatch = b * config.SequenceLength * config.EmbeddingDim;
        _embedded = Zeros(accelerator, tokensPerBatch);
        _dEmbedded = Zeros(accelerator, tokensPerBatch);
        _pooled = Zeros(accelerator, b * config.EmbeddingDim);
        _dPooled = Zeros(accelerator, b * config.EmbeddingDim);
        _hidden = Zeros(accelerator, b * config.HiddenUnits);
        _dHidden = Zeros(accelerator, b * config.HiddenUnits);
        _logits = Zeros(accelerator, b);
        _probabilities = Zeros(accelerator, b);
        _losses = Zeros(accelerator, b);
        _correct = Zeros(accelerator, b);
        _dLogits = Zeros(accelerator, b);
    }

    /// <summary>The model's sizes.</summary>
    public ModelConfig Config => _config;

    /// <summary>The probabilities of the last <see cref="Loss"/> call, [B] on the device.</summary>
    public ArrayView<float> Probabilities => _probabilities.View;

    /// <summary>Forward pass of <paramref name="batchSize"/> samples up to the logits.</summary>
    /// <param name="tokens">[B, T] token ids in [0, V).</param>
    /// <param name="batchSize">B, at most the size the model was built for.</param>
    public void Forward(ArrayView<int> tokens, int batchSize)
    {
        CheckBatch(batchSize);
        int t = _config.SequenceLength;
        int e = _config.EmbeddingDim;
        int h = _config.HiddenUnits;

        // Embedding gather: [B, T] ids → [B, T, E].
        _embedding.Forward(tokens, Slice(_parameters, _embeddings), _embedded.View,
            batchSize * t, _config.VocabSize, e);

        // Mean over the T positions: [B, T, E] → [B, E].
        _meanPool.Forward(_embedded.View, _pooled.View, batchSize, t, e);

        // Hidden layer: [B, E] → [B, H], ReLU.
        _dense.Forward(_pooled.View, Slice(_parameters, _denseKernel), Slice(_parameters, _denseBias),
            _hidden.View, batchSize, e, h, relu: true);

        // Output layer: [B, H] → [B, 1] logits; the sigmoid is fused into the loss.
        _dense.Forward(_hidden.View, Slice(_parameters, _outputKernel), Slice(_parameters, _outputBias),
            _logits.View, batchSize, h, 1, relu: false);
    }

    /// <summary>
    /// Sigmoid, binary cross-entropy and the logit gradient of the batch mean loss; adds the
    /// batch's loss sum and correct count to row <paramref name="slot"/> of <paramref name="metrics"/>.
    /// </summary>
    /// <param name="labels">[B] targets, 0 or 1.</param>
    /// <param name="batchSize">B.</param>
    /// <param name="metrics">[S, 2] accumulator on the device.</param>
    /// <param name="slot">Row of the accumulator for this batch.</param>
    public void Loss(ArrayView<float> labels, int batchSize, ArrayView<float> metrics, int slot)
    {
        CheckBatch(batchSize);
        _sigmoidBce.ForwardBackward(_logits.View, labels, _probabilities.View, _losses.View, _correct.View,
            _dLogits.View, batchSize, 1f / batchSize);
        _sigmoidBce.SumMetrics(_losses.View, _correct.View, metrics, batchSize, slot);
    }

    /// <summary>Backward pass, in reverse layer order, into the gradient buffer.</summary>
    /// <param name="tokens">[B, T] the ids given to <see cref="Forward"/>.</param>
    /// <param name="batchSize">B.</param>
    public void Backward(ArrayView<int> tokens, int batchSize)
    {
        CheckBatch(batchSize);
        int t = _config.SequenceLength;
        int e = _config.EmbeddingDim;
        int h = _config.HiddenUnits;

        // Output layer: dLogits [B] → dHidden [B, H], dKernel [H, 1], dBias [1].
        _dense.Backward(_hidden.View, Slice(_parameters, _outputKernel), _logits.View, _dLogits.View,
            _dHidden.View, Slice(_gradients, _outputKernel), Slice(_gradients, _outputBias),
            batchSize, h, 1, relu: false);

        // Hidden layer: dHidden [B, H] → dPooled [B, E], dKernel [E, H], dBias [H].
        _dense.Backward(_pooled.View, Slice(_parameters, _denseKernel), _hidden.View, _dHidden.View,
            _dPooled.View, Slice(_gradients, _denseKernel), Slice(_gradients, _denseBias),
            batchSize, e, h, relu: true);

        // Mean pooling: dPooled [B, E] → dEmbedded [B, T, E].
        _meanPool.Backward(_dPooled.View, _dEmbedded.View, batchSize, t, e);

        // Embedding: scatter-add dEmbedded into dEmbeddings [V, E] (every row written).
        _embedding.Backward(tokens, _dEmbedded.View, Slice(_gradients, _embeddings),
            batchSize * t, _config.VocabSize, e);
    }

    /// <summary>One Adam step over every parameter.</summary>
    public void Update(AdamSettings settings) =>
        _adam.Update(_gradients.View, _parameters.View, _firstMoment.View, _secondMoment.View,
            _config.ParameterCount, settings);

    /// <summary>Copies the parameters to the host (synchronises).</summary>
    public float[] ReadParameters() => _parameters.GetAsArray1D();

    /// <summary>Replaces every parameter with <paramref name="values"/> (laid out as <see cref="ModelConfig.Tensors"/>).</summary>
    public void WriteParameters(float[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length != _config.ParameterCount)
        {
            throw new ArgumentException(
                $"Expected {_config.ParameterCount} parameters, got {values.Length}.", nameof(values));
        }

        _parameters.View.CopyFromCPU(values);
    }

    /// <summary>Copies the gradients of the last <see cref="Backward"/> to the host (synchronises).</summary>
    public float[] ReadGradients() => _gradients.GetAsArray1D();

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var buffer in new[]
        {
            _parameters, _gradients, _firstMoment, _secondMoment, _embedded, _dEmbedded, _pooled, _dPooled,
            _hidden, _dHidden, _logits, _probabilities, _losses, _correct, _dLogits,
        })
        {
            buffer.Dispose();
        }
    }

    private static MemoryBuffer1D<float, Stride1D.Dense> Zeros(Accelerator accelerator, long length)
    {
        var buffer = accelerator.Allocate1D<float>(length);
        buffer.MemSetToZero();
        return buffer;
    }

    private static ArrayView<float> Slice(MemoryBuffer1D<float, Stride1D.Dense> buffer, ParameterTensor tensor) =>
        buffer.View.SubView(tensor.Offset, tensor.Length);

    private void CheckBatch(int batchSize)
    {
        if (batchSize <= 0 || batchSize > _maxBatch)
        {
            throw new ArgumentOutOfRangeException(
                nameof(batchSize), batchSize, $"Batch size must be in 1..{_maxBatch}.");
        }
    }
}
