using ILGPU;
using ILGPU.Runtime;

namespace GpuImdb.Kernels;

// Dense (fully connected) layer with an optional ReLU, stored as Keras stores it: the kernel is
// [I, O] (inputs by outputs), so a forward pass is one GEMM plus a bias.
//
// Legend: B = batch size, I = input features, O = output units.
//
// Forward:
//   z[b, o]      = bias[o] + sum over i of input[b, i] · weights[i, o]
//   output[b, o] = relu ? max(z, 0) : z
// Backward, with dz = dOutput ⊙ (relu ? [output > 0] : 1):
//   dInput[b, i]   = sum over o of dz[b, o] · weights[i, o]        (dz · weightsᵀ)
//   dWeights[i, o] = sum over b of input[b, i] · dz[b, o]          (inputᵀ · dz)
//   dBias[o]       = sum over b of dz[b, o]
// The ReLU mask is read from the stored output: output > 0 exactly when z > 0.

/// <summary>Dense layer forward (GEMM + bias + optional ReLU) and backward on one accelerator.</summary>
public sealed class Dense
{
    private readonly Accelerator _accelerator;

    private readonly Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>,
        int, int, int, int, int> _forward;

    private readonly Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>,
        int, int, int, int, int> _backwardInput;

    private readonly Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>,
        ArrayView<float>, int, int, int, int, int> _backwardParameters;

    /// <summary>Kernel launches made so far (for benchmarks).</summary>
    public long Launches { get; private set; }

    /// <summary>Compiles the kernels once for <paramref name="accelerator"/>.</summary>
    public Dense(Accelerator accelerator)
    {
        ArgumentNullException.ThrowIfNull(accelerator);
        _accelerator = accelerator;
        _forward = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>,
            ArrayView<float>, ArrayView<float>, int, int, int, int, int>(DenseForwardKernel);
        _backwardInput = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>,
            ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int, int, int, int>(
            DenseBackwardInputKernel);
        _backwardParameters = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>,
            ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int, int, int, int>(
            DenseBackwardParametersKernel);
    }

    /// <summary>Computes <c>output = act(input · weights + bias)</c>.</summary>
    /// <param name="input">[B, I].</param>
    /// <param name="weights">[I, O].</param>
    /// <param name="bias">[O].</param>
    /// <param name="output">[B, O].</param>
    /// <param name="batchSize">B.</param>
    /// <param name="inputDim">I.</param>
    /// <param name="outputDim">O.</param>
    /// <param name="relu">Apply ReLU to the result.</param>
    public void Forward(
        ArrayView<float> input,
        ArrayView<float> weights,
        ArrayView<float> bias,
        ArrayView<float> output,
        int batchSize,
        int inputDim,
        int outputDim,
        bool relu)
    {
        CheckShapes("Dense forward", input, weights, bias, output, batchSize, inputDim, outputDim);

        long items = (long)batchSize * outputDim;
        int threads = LaunchSize.For(_accelerator, items);
        Launches++;
        _forward(threads, input, weights, bias, output, batchSize, inputDim, outputDim, relu ? 1 : 0, threads);
    }

    /// <summary>
    /// Gradients of the layer: <paramref name="dInput"/> (skipped when its length is 0, as for a
    /// first layer), <paramref name="dWeights"/> and <paramref name="dBias"/>, all overwritten.
    /// </summary>
    /// <param name="input">[B, I] the forward input.</param>
    /// <param name="weights">[I, O].</param>
    /// <param name="output">[B, O] the forward output (read for the ReLU mask).</param>
    /// <param name="dOutput">[B, O] gradient of the loss with respect to the output.</param>
    /// <param name="dInput">[B, I] gradient with respect to the input, or an empty view.</param>
    /// <param name="dWeights">[I, O] gradient with respect to the weights.</param>
    /// <param name="dBias">[O] gradient with respect to the bias.</param>
    /// <param name="batchSize">B.</param>
    /// <param name="inputDim">I.</param>
    /// <param name="outputDim">O.</param>
    /// <param name="relu">Whether the forward pass applied ReLU.</param>
    public void Backward(
        ArrayView<float> input,
        ArrayView<float> weights,
        ArrayView<float> output,
        ArrayView<float> dOutput,
        ArrayView<float> dInput,
        ArrayView<float> dWeights,
        ArrayView<float> dBias,
        int batchSize,
        int inputDim,
        int outputDim,
        bool relu)
    {
        CheckShapes("Dense backward", input, weights, dBias, output, batchSize, inputDim, outputDim);
        Shapes.Require("Dense backward", "dOutput", dOutput.Length, (long)batchSize * outputDim);
        Shapes.Require("Dense backward", "dWeights", dWeights.Length, (long)inputDim * outputDim);
        int reluFlag = relu ? 1 : 0;

        if (dInput.Length > 0)
        {
            Shapes.Require("Dense backward", "dInput", dInput.Length, (long)batchSize * inputDim);
            int inputThreads = LaunchSize.For(_accelerator, (long)batchSize * inputDim);
            Launches++;
            _backwardInput(inputThreads, dOutput, output, weights, dInput,
                batchSize, inputDim, outputDim, reluFlag, inputThreads);
        }

        int parameterThreads = LaunchSize.For(_accelerator, (long)(inputDim + 1) * outputDim);
        Launches++;
        _backwardParameters(parameterThreads, input, dOutput, output, dWeights, dBias,
            batchSize, inputDim, outputDim, reluFlag, parameterThreads);
    }

    private static void CheckShapes(
        string operation,
        ArrayView<float> input,
        ArrayView<float> weights,
        ArrayView<float> bias,
        ArrayView<float> output,
        int batchSize,
        int inputDim,
        int outputDim)
    {
        Shapes.Positive(operation, nameof(inputDim), inputDim);
        Shapes.Positive(operation, nameof(outputDim), outputDim);
        Shapes.Require(operation, "input", input.Length, (long)batchSize * inputDim);
        Shapes.Require(operation, "weights", weights.Length, (long)inputDim * outputDim);
        Shapes.Require(operation, "bias", bias.Length, outputDim);
        Shapes.Require(operation, "output", output.Length, (long)batchSize * outputDim);
    }

    #region Kernels

    // One work item per output element (b, o): a dot product of length I.
    internal static void DenseForwardKernel(
        Index1D index,
        ArrayView<float> input,    // [B, I]
        ArrayView<float> weights,  // [I, O]
        ArrayView<float> bias,     // [O]
        ArrayView<float> output,   // [B, O]
        int batchSize,
        int inputDim,
        int outputDim,
        int relu,
        int stride)
    {
        int items = batchSize * outputDim;
        for (int n = index; n < items; n += stride)
        {
            int b = n / outputDim;
            int o = n - b * outputDim;
            float z = bias[o];
            int inBase = b * inputDim;
            for (int i = 0; i < inputDim; i++)
            {
                z += input[inBase + i] * weights[i * outputDim + o];
            }

            output[n] = relu != 0 && z < 0f ? 0f : z;
        }
    }

    // One work item per input element (b, i): dInput[b, i] = sum over o of dz[b, o] · W[i, o].
    internal static void DenseBackwardInputKernel(
        Index1D index,
        ArrayView<float> dOutput,  // [B, O]
        ArrayView<float> output,   // [B, O]
        ArrayView<float> weights,  // [I, O]
        ArrayView<float> dInput,   // [B, I]
        int batchSize,
        int inputDim,
        int outputDim,
        int relu,
        int stride)
    {
        int items = batchSize * inputDim;
        for (int n = index; n < items; n += stride)
        {
            int b = n / inputDim;
            int i = n - b * inputDim;
            float sum = 0f;
            for (int o = 0; o < outputDim; o++)
            {
                int bo = b * outputDim + o;
                if (relu == 0 || output[bo] > 0f)
                {
                    sum += dOutput[bo] * weights[i * outputDim + o];
                }
            }

            dInput[n] = sum;
        }
    }

    // Work items 0..I·O-1 are weight gradients (i, o); items I·O..(I+1)·O-1 are bias gradients.
    // Each sums over the batch in order b = 0..B-1, so the result does not depend on the launch.
    internal static void DenseBackwardParametersKernel(
        Index1D index,
        ArrayView<float> input,     // [B, I]
        ArrayView<float> dOutput,   // [B, O]
        ArrayView<float> output,    // [B, O]
        ArrayView<float> dWeights,  // [I, O]
        ArrayView<float> dBias,     // [O]
        int batchSize,
        int inputDim,
        int outputDim,
        int relu,
        int stride)
    {
        int items = (inputDim + 1) * outputDim;
        for (int n = index; n < items; n += stride)
        {
            int i = n / outputDim;
            int o = n - i * outputDim;
            float sum = 0f;
            for (int b = 0; b < batchSize; b++)
            {
                int bo = b * outputDim + o;
                if (relu != 0 && output[bo] <= 0f)
                {
                    continue;
                }

                sum += i < inputDim ? input[b * inputDim + i] * dOutput[bo] : dOutput[bo];
            }

            if (i < inputDim)
            {
                dWeights[n] = sum;
            }
            else
            {
                dBias[o] = sum;
            }
        }
    }

    #endregion
}
