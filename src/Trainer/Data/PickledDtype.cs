namespace GpuImdb.Trainer.Data;

/// <summary>
/// What <c>numpy.dtype('O8', False, True)</c> becomes during unpickling. Its BUILD state,
/// <c>(3, '|', None, None, None, -1, -1, 63)</c>, is accepted but not needed: the type string
/// alone says whether the array holds objects.
/// </summary>
internal sealed class PickledDtype(string typeString)
{
    /// <summary>The first argument numpy pickles, such as <c>O8</c> or <c>i8</c>.</summary>
    public string TypeString { get; } = typeString;

    /// <summary>True for numpy's object dtype.</summary>
    public bool IsObject => TypeString is "O" or "O4" or "O8";

    /// <summary>Called by Razorvine's BUILD; the state is ignored.</summary>
#pragma warning disable IDE1006 // The name is the Python protocol's, which Razorvine looks up.
#pragma warning disable CA1822 // Razorvine finds it by reflection on an instance.
    public void __setstate__(object?[] state)
#pragma warning restore CA1822
#pragma warning restore IDE1006
    {
        _ = state;
    }
}
