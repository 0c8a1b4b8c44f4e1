using GpuImdb.Kernels;
using GpuImdb.Trainer.Training;
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
public sealed partial class SentimentModel : IDisposable
{
    private readonly ModelConfig _config;
    private readonly int _maxBatch;

    private readonly bool _fused;
    private readonly EmbeddingBag _embeddingBag;
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
    private readonly MemoryBuffer1D<float, Stride1D.Dense> _divisors;    // [B]
    private readonly MemoryBuffer1D<float, Stride1D.Dense> _hidden;      // [B, H]
    private readonly MemoryBuffer1D<float, Stride1D.Dense> _logits;      // [B]
    private readonly MemoryBuffer1D<float, Stride1D.Dense> _probabilities; // [B]
    private readonly MemoryBuffer1D<float, Stride1D.Dense> _losses;      // [B]
    private readonly MemoryBuffer1D<float, Stride1D.Dense> _correct;     // [B]
    private readonly MemoryBuffer1D<float, Stride1D.Dense> _dLogits;     // [B]
    private readonly MemoryBuffer1D<float, Stride1D.Dense> _dHidden;     // [B, H]
    private readonly MemoryBuffer1D<float, Stride1D.Dense> _dPooled;     // [B, E]
    private readonly MemoryBuffer1D<float, Stride1D.Dense> _dEmbedded;   // [B, T, E]

    // Allocated on first use: the best parameters so far (early stopping) and all-zero labels for
    // predictions, which need no real ones.
    private MemoryBuffer1D<float, Stride1D.Dense>? _bestParameters; // [P]
    private MemoryBuffer1D<float, Stride1D.Dense>? _noLabels;       // [B]

    private readonly ParameterTensor _embeddings;
    private readonly ParameterTensor _denseKernel;
    private readonly ParameterTensor _denseBias;
    private readonly ParameterTensor _outputKernel;
    private readonly ParameterTensor _outputBias;
    private readonly Accelerator _accelerator;

    /// <summary>Compiles the kernels and allocates every buffer on <paramref name="accelerator"/>.</summary>
    /// <param name="accelerator">Where every kernel runs.</param>
    /// <param name="config">Model sizes.</param>
    /// <param name="maxBatchSize">Largest batch any call will pass.</param>
    /// <param name="initialParameters">Flat parameter vector laid out as <see cref="ModelConfig.Tensors"/>.</param>
    /// <param name="fused">
    /// Run embedding and mean pooling as one <see cref="EmbeddingBag"/> (the default, and faster);
    /// false runs <see cref="Embedding"/> then <see cref="MeanPool"/> through a [B, T, E] buffer.
    /// </param>
    public SentimentModel(
        Accelerator accelerator,
        ModelConfig config,
        int maxBatchSize,
        float[] initialParameters,
        bool fused = true)
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

        if (!fused && config.MaskPadding)
        {
            throw new ArgumentException("The layer-by-layer path has no padding mask; use the fused one.",
                nameof(fused));
        }

        _accelerator = accelerator;
        _config = config;
        _maxBatch = maxBatchSize;
        _fused = fused;
        var tensors = config.Tensors;
        (_embeddings, _denseKernel, _denseBias, _outputKernel, _outputBias) =
            (tensors[0], tensors[1], tensors[2], tensors[3], tensors[4]);

        Profiler = new PhaseProfiler(accelerator);
        _embeddingBag = new EmbeddingBag(accelerator);
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
        long tokensPerBatch = fused ? 1 : b * config.SequenceLength * config.EmbeddingDim;
        _embedded = Zeros(accelerator, tokensPerBatch);
        _dEmbedded = Zeros(accelerator, tokensPerBatch);
        _divisors = Zeros(accelerator, b);
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

    /// <summary>Times each phase when enabled (benchmarks); disabled by default.</summary>
    public PhaseProfiler Profiler { get; }

    /// <summary>Kernel launches made so far by every layer.</summary>
    public long Launches =>
        _embeddingBag.Launches + _embedding.Launches + _meanPool.Launches + _dense.Launches
        + _sigmoidBce.Launches + _adam.Launches;

    /// <summary>The model's sizes.</summary>
    public ModelConfig Config => _config;

    /// <summary>
    /// The probabilities of the last <see cref="Loss"/> or <see cref="Predict"/> call, [B] on the device.
    /// </summary>
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

        if (_fused)
        {
            // Embedding gather and mean over the T positions in one pass: [B, T] ids → [B, E].
            using (Profiler.Measure("embedding+pooling forward"))
            {
                _embeddingBag.Forward(tokens, Slice(_parameters, _embeddings), _pooled.View, _divisors.View,
                    batchSize, t, _config.VocabSize, e, _config.MaskPadding);
            }
        }
        else
        {
            // Embedding gather: [B, T] ids → [B, T, E].
            using (Profiler.Measure("embedding forward"))
            {
                _embedding.Forward(tokens, Slice(_parameters, _embeddings), _embedded.View,
                    batchSize * t, _config.VocabSize, e);
            }

            // Mean over the T positions: [B, T, E] → [B, E].
            using (Profiler.Measure("pooling forward"))
            {
                _meanPool.Forward(_embedded.View, _pooled.View, batchSize, t, e);
            }
        }

        // Hidden layer: [B, E] → [B, H], ReLU; output layer: [B, H] → [B, 1] logits (the sigmoid
        // is fused into the loss).
        using (Profiler.Measure("dense forward"))
        {
            _dense.Forward(_pooled.View, Slice(_parameters, _denseKernel), Slice(_parameters, _denseBias),
                _hidden.View, batchSize, e, h, relu: true);
            _dense.Forward(_hidden.View, Slice(_parameters, _outputKernel), Slice(_parameters, _outputBias),
                _logits.View, batchSize, h, 1, relu: false);
        }
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
        using (Profiler.Measure("loss"))
        {
            _sigmoidBce.ForwardBackward(_logits.View, labels, _probabilities.View, _losses.View, _correct.View,
                _dLogits.View, batchSize, 1f / batchSize);
        }

        using (Profiler.Measure("metrics"))
        {
            _sigmoidBce.SumMetrics(_losses.View, _correct.View, metrics, batchSize, slot);
        }
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

        using (Profiler.Measure("dense backward"))
        {
            // Output layer: dLogits [B] → dHidden [B, H], dKernel [H, 1], dBias [1].
            _dense.Backward(_hidden.View, Slice(_parameters, _outputKernel), _logits.View, _dLogits.View,
                _dHidden.View, Slice(_gradients, _outputKernel), Slice(_gradients, _outputBias),
                batchSize, h, 1, relu: false);

            // Hidden layer: dHidden [B, H] → dPooled [B, E], dKernel [E, H], dBias [H].
            _dense.Backward(_pooled.View, Slice(_parameters, _denseKernel), _hidden.View, _dHidden.View,
                _dPooled.View, Slice(_gradients, _denseKernel), Slice(_gradients, _denseBias),
                batchSize, e, h, relu: true);
        }

        if (_fused)
        {
            // Mean pooling and embedding: dPooled [B, E] → dEmbeddings [V, E] (every row written).
            using (Profiler.Measure("embedding+pooling backward"))
            {
                _embeddingBag.Backward(tokens, _dPooled.View, _divisors.View, Slice(_gradients, _embeddings),
                    batchSize, t, _config.VocabSize, e, _config.MaskPadding);
            }

            return;
        }

        // Mean pooling: dPooled [B, E] → dEmbedded [B, T, E].
        using (Profiler.Measure("pooling backward"))
        {
            _meanPool.Backward(_dPooled.View, _dEmbedded.View, batchSize, t, e);
        }

        // Embedding: scatter-add dEmbedded into dEmbeddings [V, E] (every row written).
        using (Profiler.Measure("embedding backward"))
        {
            _embedding.Backward(tokens, _dEmbedded.View, Slice(_gradients, _embeddings),
                batchSize * t, _config.VocabSize, e);
        }
    }

    /// <summary>One Adam step over every parameter.</summary>
    public void Update(AdamSettings settings)
    {
        using (Profiler.Measure("adam"))
        {
            _adam.Update(_gradients.View, _parameters.View, _firstMoment.View, _secondMoment.View,
                _config.ParameterCount, settings);
        }
    }

    /// <summary>
    /// Forward pass and sigmoid of <paramref name="batchSize"/> samples, without labels: afterwards
    /// <see cref="Probabilities"/> holds each sample's probability of being positive.
    /// </summary>
    /// <param name="tokens">[B, T] token ids in [0, V).</param>
    /// <param name="batchSize">B.</param>
    public void Predict(ArrayView<int> tokens, int batchSize)
    {
        Forward(tokens, batchSize);
        if (_noLabels is null)
        {
            _noLabels = _accelerator.Allocate1D<float>(_maxBatch);
            _noLabels.MemSetToZero();
        }

        // The fused kernel also computes a loss and gradient against the zero labels; they are
        // ignored. Sharing it keeps predictions bit-identical to the probabilities of training.
        _sigmoidBce.ForwardBackward(_logits.View, _noLabels.View.SubView(0, batchSize), _probabilities.View,
            _losses.View, _correct.View, _dLogits.View, batchSize, 1f / batchSize);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var buffer in new[]
        {
            _parameters, _gradients, _firstMoment, _secondMoment, _embedded, _dEmbedded, _pooled, _divisors, _dPooled,
            _hidden, _dHidden, _logits, _probabilities, _losses, _correct, _dLogits,
        })
        {
            buffer.Dispose();
        }

        _bestParameters?.Dispose();
        _noLabels?.Dispose();
        _embeddingBag.Dispose();
    }

    private static MemoryBuffer1D<float, Stride1D.Dense> Zeros(Accelerator accelerator, long length)
    {
        var buffer = accelerator.Allocate1D<float>(length);
        buffer.MemSetToZero();
        return buffer;
    }

    private static ArrayView<float> Slice(MemoryBuffer1D<float, Stride1D.Dense> buffer, ParameterTensor tensor) =>
        buffer.View.SubView(tensor.Offset, tensor.Length);

    private void CheckLength(float[] values, string name)
    {
        ArgumentNullException.ThrowIfNull(values, name);
        if (values.Length != _config.ParameterCount)
        {
            throw new ArgumentException($"Expected {_config.ParameterCount} values, got {values.Length}.", name);
        }
    }

    private void CheckBatch(int batchSize)
    {
        if (batchSize <= 0 || batchSize > _maxBatch)
        {
            throw new ArgumentOutOfRangeException(
                nameof(batchSize), batchSize, $"Batch size must be in 1..{_maxBatch}.");
        }
    }
}
