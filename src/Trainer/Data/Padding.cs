namespace GpuImdb.Trainer.Data;

/// <summary>Keras's <c>pad_sequences</c>, into one flat row-major buffer.</summary>
public static class Padding
{
    /// <summary>
    /// Lays <paramref name="sequences"/> out as a row-major [N, <paramref name="maxLength"/>]
    /// array. A longer sequence loses tokens at the <paramref name="truncating"/> end; a shorter
    /// one is filled with <paramref name="value"/> at the <paramref name="padding"/> end. The
    /// defaults are the tutorial's: pad after the text, and keep the last tokens of a long one
    /// (Keras's <c>padding='post'</c> with the default <c>truncating='pre'</c>).
    /// </summary>
    public static int[] PadSequences(
        int[][] sequences,
        int maxLength,
        int value = 0,
        SequenceSide padding = SequenceSide.Post,
        SequenceSide truncating = SequenceSide.Pre)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        ArgumentOutOfRangeException.ThrowIfNegative(maxLength);
        var total = (long)sequences.Length * maxLength;
        if (total > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(
                nameof(maxLength),
                $"{sequences.Length} sequences of {maxLength} ids are {total} ids, more than one "
                + "array holds.");
        }

        var result = new int[total];
        if (value != 0)
        {
            Array.Fill(result, value);
        }

        for (var i = 0; i < sequences.Length; i++)
        {
            var sequence = sequences[i]
                ?? throw new ArgumentException($"Sequence {i} is null.", nameof(sequences));
            var kept = sequence.AsSpan();
            if (kept.Length > maxLength)
            {
                kept = truncating == SequenceSide.Pre ? kept[^maxLength..] : kept[..maxLength];
            }

            var row = result.AsSpan(i * maxLength, maxLength);
            kept.CopyTo(padding == SequenceSide.Post ? row : row[(maxLength - kept.Length)..]);
        }

        return result;
    }
}
