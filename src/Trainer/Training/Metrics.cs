namespace GpuImdb.Trainer.Training;

/// <summary>Sums a [S, 2] (loss sum, correct count) accumulator read back from the device.</summary>
internal static class Metrics
{
    /// <summary>Mean loss and accuracy over <paramref name="samples"/> samples, summed in double.</summary>
    public static (double Loss, double Accuracy) Mean(float[] slots, int samples)
    {
        double loss = 0;
        double correct = 0;
        for (int s = 0; s + 1 < slots.Length; s += 2)
        {
            loss += slots[s];
            correct += slots[s + 1];
        }

        return (loss / samples, correct / samples);
    }

    /// <summary>The first slot whose loss sum is NaN or infinite, with that sum; null when all are finite.</summary>
    public static (int Slot, float LossSum)? FirstNonFinite(float[] slots)
    {
        for (int s = 0; s + 1 < slots.Length; s += 2)
        {
            if (!float.IsFinite(slots[s]))
            {
                return (s / 2, slots[s]);
            }
        }

        return null;
    }
}
