using Razorvine.Pickle;

namespace GpuImdb.Trainer.Data;

/// <summary>
/// Stands in for one of numpy's callables during unpickling. Razorvine calls
/// <see cref="construct"/> with the arguments of the REDUCE that calls it.
/// </summary>
internal sealed class NumpyPickleConstructor(Func<object?[], object> create) : IObjectConstructor
{
#pragma warning disable IDE1006 // Razorvine's interface names it so.
    public object construct(object?[] args)
#pragma warning restore IDE1006
    {
        return create(args);
    }
}
