namespace GpuImdb.Kernels.Tests;

/// <summary>
/// float32 tolerances, |actual − expected| ≤ Atol + Rtol·|expected|, by the kind of arithmetic.
/// </summary>
public readonly record struct Tolerance(double Atol, double Rtol)
{
    /// <summary>Copies and single operations: only the last bit may differ.</summary>
    public static readonly Tolerance Elementwise = new(1e-6, 1e-5);

    /// <summary>Sums over a sequence or a batch, and the loss: rounding grows with the length.</summary>
    public static readonly Tolerance Reduction = new(1e-5, 1e-4);

    /// <summary>GEMM and scatter-add: long float sums in an order the reference does not share.</summary>
    public static readonly Tolerance Gemm = new(1e-4, 1e-3);
}
