namespace GpuImdb.Trainer.Data;

/// <summary>
/// What <c>numpy.core.multiarray._reconstruct(numpy.ndarray, (0,), b'b')</c> becomes during
/// unpickling. The following BUILD hands numpy's ndarray state to <see cref="__setstate__"/>:
/// <c>(version, shape, dtype, is_fortran, data)</c>, where an object array's data is a list.
/// </summary>
internal sealed class PickledNdarray
{
    public object?[] Shape { get; private set; } = [];

    public object? Dtype { get; private set; }

    public bool IsFortran { get; private set; }

    public object? Data { get; private set; }

    public bool HasState { get; private set; }

    /// <summary>Called by Razorvine's BUILD, found by reflection on name and argument type.</summary>
#pragma warning disable IDE1006 // The name is the Python protocol's, which Razorvine looks up.
    public void __setstate__(object?[] state)
#pragma warning restore IDE1006
    {
        // numpy writes (1, shape, dtype, is_fortran, data); very old numpy left out the version.
        var offset = state.Length == 5 ? 1 : 0;
        if (state.Length - offset != 4)
        {
            throw new Razorvine.Pickle.PickleException(
                $"ndarray state has {state.Length} items; expected 4 or 5");
        }

        Shape = state[offset] as object?[] ?? throw new Razorvine.Pickle.PickleException(
            $"ndarray shape is a {state[offset]?.GetType().Name ?? "None"}; expected a tuple");
        Dtype = state[offset + 1];
        IsFortran = state[offset + 2] is true;
        Data = state[offset + 3];
        HasState = true;
    }
}
