using System.Text;
using GpuImdb.Trainer.Prediction;

namespace GpuImdb.Trainer.Tests.Prediction;

public class ReviewLinesTests
{
    [Fact]
    public void Lines_end_at_any_line_break_and_blank_lines_are_skipped_but_keep_the_numbering()
    {
        const string text = "Great film.\r\n\r\nDull.\n   \n\tAwful plot\rFine\n";

        var fromBytes = ReviewLines.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), "test");
        var fromText = ReviewLines.Read(new StringReader(text), "test");

        Assert.Equal(
            [new ReviewLine(1, "Great film."), new ReviewLine(3, "Dull."), new ReviewLine(5, "\tAwful plot"),
             new ReviewLine(6, "Fine")],
            fromBytes.Reviews);
        Assert.Equal(2, fromBytes.BlankLines);
        Assert.Equal([2, 4], fromBytes.FirstBlankLines);
        Assert.Equal(fromBytes.Reviews, fromText.Reviews);
        Assert.Equal(fromBytes.FirstBlankLines, fromText.FirstBlankLines);
    }

    [Fact]
    public void A_last_line_without_a_line_break_and_a_byte_order_mark_are_handled()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("café\nnaïve")).ToArray();

        var lines = ReviewLines.Read(new MemoryStream(bytes), "test");

        Assert.Equal([new ReviewLine(1, "café"), new ReviewLine(2, "naïve")], lines.Reviews);
    }

    [Fact]
    public void Only_the_first_blank_line_numbers_are_kept_but_all_are_counted()
    {
        var lines = ReviewLines.Read(new StringReader(new string('\n', 50) + "Good."), "test");

        Assert.Equal(50, lines.BlankLines);
        Assert.Equal(Enumerable.Range(1, ReviewLines.ShownBlankLines), lines.FirstBlankLines);
        Assert.Equal([new ReviewLine(51, "Good.")], lines.Reviews);
    }

    [Fact]
    public void Invalid_utf8_is_refused_naming_the_line_and_the_byte()
    {
        byte[] bytes = [.. "Good.\nBad "u8, 0xFF, .. " bytes\n"u8];

        var error = Assert.Throws<UserErrorException>(() => ReviewLines.Read(new MemoryStream(bytes), "--file r.txt"));

        Assert.Equal(
            "--file r.txt line 2 is not valid UTF-8 (byte 0xFF at byte 5 of the line). Save the reviews as UTF-8 "
            + "text and try again.",
            error.Message);
    }

    [Fact]
    public void An_endless_input_without_line_breaks_is_refused_once_a_line_passes_the_limit()
    {
        var endless = new EndlessStream();

        var error = Assert.Throws<UserErrorException>(() => ReviewLines.Read(endless, "standard input"));

        Assert.Equal(
            "standard input line 1 is longer than 10,000,000 characters, the most one review may have. Put one "
            + "review per line (ending each with a line break), or shorten it.",
            error.Message);
        Assert.InRange(endless.Position, ReviewLines.MaxReviewLength, ReviewLines.MaxReviewLength + (1 << 16));
    }

    [Fact]
    public void An_endless_decoded_input_is_refused_the_same_way()
    {
        var error = Assert.Throws<UserErrorException>(() =>
            ReviewLines.Read(new EndlessReader(), "standard input"));

        Assert.StartsWith("standard input line 1 is longer than 10,000,000 characters", error.Message);
    }

    [Fact]
    public void Characters_of_several_bytes_count_once_towards_the_limit()
    {
        // 5,000,000 two-byte characters: 10,000,000 bytes but half the limit in characters.
        var bytes = Encoding.UTF8.GetBytes(new string('é', 5_000_000) + "\nnext");

        var lines = ReviewLines.Read(new MemoryStream(bytes), "test");

        Assert.Equal(5_000_000, lines.Reviews[0].Text.Length);
        Assert.Equal(new ReviewLine(2, "next"), lines.Reviews[1]);
    }

    [Fact]
    public void A_line_after_a_long_one_gets_the_full_limit_again()
    {
        var line = new string('a', ReviewLines.MaxReviewLength);
        var text = line + "\n" + line + "\n";

        var lines = ReviewLines.Read(new StringReader(text), "test");

        Assert.Equal([1, 2], lines.Reviews.Select(r => r.LineNumber));
        Assert.All(lines.Reviews, r => Assert.Equal(ReviewLines.MaxReviewLength, r.Text.Length));
    }

    // Like /dev/zero: NUL bytes for ever.
    private sealed class EndlessStream : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Array.Clear(buffer, offset, count);
            _position += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private sealed class EndlessReader : TextReader
    {
        public override int Read(char[] buffer, int index, int count)
        {
            Array.Fill(buffer, 'x', index, count);
            return count;
        }
    }

    [Fact]
    public void More_reviews_than_the_limit_are_refused_naming_the_line()
    {
        var text = new string('\n', 3) + string.Concat(Enumerable.Repeat("ok\n", ReviewLines.MaxReviews + 1));

        var error = Assert.Throws<UserErrorException>(() => ReviewLines.Read(new StringReader(text), "stdin"));

        Assert.Equal(
            $"stdin holds more than {ReviewLines.MaxReviews:N0} reviews (line {ReviewLines.MaxReviews + 4}); split "
            + "it into smaller files and run predict on each.",
            error.Message);
    }
}
