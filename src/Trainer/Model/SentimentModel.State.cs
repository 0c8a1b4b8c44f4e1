using ILGPU.Runtime;

namespace GpuImdb.Trainer.Model;

// The model's state in and out of the device: parameters, Adam's moments, the best epoch's
// weights (early stopping) and the gradients (tests). Every read synchronises.
public sealed partial class SentimentModel
{
    /// <summary>Copies the parameters to the host (synchronises).</summary>
    public float[] ReadParameters() => _parameters.GetAsArray1D();

    /// <summary>
    /// Replaces every parameter with <paramref name="values"/>, laid out as <see cref="ModelConfig.Tensors"/>.
    /// </summary>
    public void WriteParameters(float[] values)
    {
        CheckLength(values, nameof(values));
        _parameters.View.CopyFromCPU(values);
    }

    /// <summary>Adam's first and second moments, copied to the host (synchronises).</summary>
    public (float[] FirstMoment, float[] SecondMoment) ReadMoments() =>
        (_firstMoment.GetAsArray1D(), _secondMoment.GetAsArray1D());

    /// <summary>Replaces Adam's moments, laid out like the parameters (to resume a run).</summary>
    public void WriteMoments(float[] firstMoment, float[] secondMoment)
    {
        CheckLength(firstMoment, nameof(firstMoment));
        CheckLength(secondMoment, nameof(secondMoment));
        _firstMoment.View.CopyFromCPU(firstMoment);
        _secondMoment.View.CopyFromCPU(secondMoment);
    }

    /// <summary>True once <see cref="SaveBest"/> or <see cref="WriteBest"/> has stored a copy.</summary>
    public bool HasBest => _bestParameters is not null;

    /// <summary>
    /// Copies the parameters into a second buffer on the device, so keeping the best epoch's
    /// weights costs no host transfer.
    /// </summary>
    public void SaveBest()
    {
        _bestParameters ??= _accelerator.Allocate1D<float>(_config.ParameterCount);
        _parameters.View.CopyTo(_bestParameters.View);
    }

    /// <summary>Puts back the parameters stored by <see cref="SaveBest"/> or <see cref="WriteBest"/>.</summary>
    public void RestoreBest()
    {
        if (_bestParameters is null)
        {
            throw new InvalidOperationException("No best parameters were stored; call SaveBest first.");
        }

        _bestParameters.View.CopyTo(_parameters.View);
    }

    /// <summary>Copies the parameters stored by <see cref="SaveBest"/> to the host (synchronises).</summary>
    public float[] ReadBest() => _bestParameters?.GetAsArray1D()
        ?? throw new InvalidOperationException("No best parameters were stored; call SaveBest first.");

    /// <summary>Stores <paramref name="values"/> as the best parameters (to resume a run).</summary>
    public void WriteBest(float[] values)
    {
        CheckLength(values, nameof(values));
        _bestParameters ??= _accelerator.Allocate1D<float>(_config.ParameterCount);
        _bestParameters.View.CopyFromCPU(values);
    }

    /// <summary>Copies the gradients of the last <see cref="Backward"/> to the host (synchronises).</summary>
    public float[] ReadGradients() => _gradients.GetAsArray1D();
}
