using System.Globalization;
using System.Text;

namespace GpuImdb.Kernels.Tests;

/// <summary>Array comparisons that report the first mismatches and the largest difference.</summary>
public static class Check
{
    private const int ShownMismatches = 5;

    /// <summary>Asserts every element is within <paramref name="tolerance"/> of the reference.</summary>
    public static void Close(float[] expected, float[] actual, Tolerance tolerance, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        var report = new StringBuilder();
        int mismatches = 0;
        double maxDiff = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            double diff = Math.Abs((double)actual[i] - expected[i]);
            maxDiff = Math.Max(maxDiff, double.IsNaN(diff) ? double.PositiveInfinity : diff);
            bool ok = diff <= tolerance.Atol + tolerance.Rtol * Math.Abs(expected[i]);
            if (!ok && mismatches++ < ShownMismatches)
            {
                report.AppendLine(CultureInfo.InvariantCulture,
                    $"  [{i}] expected {expected[i]:G9}, actual {actual[i]:G9}, diff {diff:G3}");
            }
        }

        Assert.True(mismatches == 0,
            $"{what}: {mismatches} of {expected.Length} values differ (max abs diff {maxDiff:G3}, "
            + $"atol {tolerance.Atol}, rtol {tolerance.Rtol}):\n{report}");
    }
}
