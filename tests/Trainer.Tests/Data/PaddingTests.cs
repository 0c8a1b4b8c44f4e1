using GpuImdb.Trainer.Data;

namespace GpuImdb.Trainer.Tests.Data;

public class PaddingTests
{
    private static readonly int[][] Sequences = [[1, 2], [3, 4, 5, 6, 7], [], [8, 9, 10, 11]];

    [Fact]
    public void Pads_after_the_text_and_keeps_the_last_tokens_by_default()
    {
        var padded = Padding.PadSequences(Sequences, 4);

        int[] expected =
        [
            1, 2, 0, 0,
            4, 5, 6, 7,
            0, 0, 0, 0,
            8, 9, 10, 11,
        ];
        Assert.Equal(expected, padded);
    }

    [Fact]
    public void Pads_before_and_truncates_after_when_asked()
    {
        var padded = Padding.PadSequences(
            Sequences, 3, value: -1, padding: SequenceSide.Pre, truncating: SequenceSide.Post);

        int[] expected =
        [
            -1, 1, 2,
            3, 4, 5,
            -1, -1, -1,
            8, 9, 10,
        ];
        Assert.Equal(expected, padded);
    }

    [Fact]
    public void Fills_with_the_pad_value()
    {
        var padded = Padding.PadSequences([[5]], 3, value: 7);

        Assert.Equal([5, 7, 7], padded);
    }

    [Fact]
    public void No_sequences_give_an_empty_buffer()
    {
        var padded = Padding.PadSequences([], 256);

        Assert.Empty(padded);
    }

    [Fact]
    public void A_null_sequence_is_an_argument_error_naming_its_index()
    {
        int[][] sequences = [[1], null!];

        var error = Assert.Throws<ArgumentException>(() => Padding.PadSequences(sequences, 2));

        Assert.StartsWith("Sequence 1 is null.", error.Message);
    }
}
