namespace GpuImdb.Kernels.Tests.Reference;

/// <summary>Plain loops for <see cref="Dense"/>; same names and parameter order.</summary>
internal static class DenseReference
{
    public static void Forward(
        float[] input, float[] weights, float[] bias, float[] output,
        int batchSize, int inputDim, int outputDim, bool relu)
    {
        for (int b = 0; b < batchSize; b++)
        {
            for (int o = 0; o < outputDim; o++)
            {
                double z = bias[o];
                for (int i = 0; i < inputDim; i++)
                {
                    z += (double)input[b * inputDim + i] * weights[i * outputDim + o];
                }

                output[b * outputDim + o] = (float)(relu ? Math.Max(z, 0) : z);
            }
        }
    }

    public static void Backward(
        float[] input, float[] weights, float[] output, float[] dOutput,
        float[] dInput, float[] dWeights, float[] dBias,
        int batchSize, int inputDim, int outputDim, bool relu)
    {
        // dz = dOutput masked by the ReLU's derivative.
        var dz = new double[batchSize * outputDim];
        for (int n = 0; n < dz.Length; n++)
        {
            dz[n] = !relu || output[n] > 0 ? dOutput[n] : 0;
        }

        for (int b = 0; b < batchSize; b++)
        {
            for (int i = 0; i < inputDim; i++)
            {
                double sum = 0;
                for (int o = 0; o < outputDim; o++)
                {
                    sum += dz[b * outputDim + o] * weights[i * outputDim + o];
                }

                dInput[b * inputDim + i] = (float)sum;
            }
        }

        for (int o = 0; o < outputDim; o++)
        {
            double biasSum = 0;
            for (int b = 0; b < batchSize; b++)
            {
                biasSum += dz[b * outputDim + o];
            }

            dBias[o] = (float)biasSum;
            for (int i = 0; i < inputDim; i++)
            {
                double sum = 0;
                for (int b = 0; b < batchSize; b++)
                {
                    sum += (double)input[b * inputDim + i] * dz[b * outputDim + o];
                }

                dWeights[i * outputDim + o] = (float)sum;
            }
        }
    }
}
