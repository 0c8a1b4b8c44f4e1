using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;
using GpuImdb.Trainer.Data;

namespace GpuImdb.Trainer.Prediction;

/// <summary>One review read from a line of a file or of standard input.</summary>
/// <param name="LineNumber">The line it was on, from 1.</param>
/// <param name="Text">The line, without its line break.</param>
public sealed record ReviewLine(int LineNumber, string Text);

/// <summary>The reviews of a file or standard input, one per line, and the blank lines skipped.</summary>
/// <param name="Reviews">Every line with a visible character, in order.</param>
/// <param name="BlankLines">How many lines were empty or only white space.</param>
/// <param name="FirstBlankLines">
/// The numbers of the first blank lines, at most <see cref="ReviewLines.ShownBlankLines"/> of them.
/// </param>
public sealed record ReviewLineSet(
    IReadOnlyList<ReviewLine> Reviews, int BlankLines, IReadOnlyList<int> FirstBlankLines);

/// <summary>
/// Reads reviews one per line, as <c>gpuimdb predict</c> takes them from <c>--file</c> or standard
/// input. A line ends at "\n", "\r\n" or "\r". Blank lines (empty or only white space) are skipped
/// but counted, so the other reviews keep their line numbers. A line may hold at most
/// <see cref="MaxReviewLength"/> characters, so an endless input without line breaks (such as
/// <c>/dev/zero</c>) is refused instead of filling memory; bytes must be valid UTF-8, as raw
/// training reviews must. Problems throw <see cref="UserErrorException"/> naming the line.
/// </summary>
public static class ReviewLines
{
    /// <summary>The most characters (Unicode code points) one review line may have.</summary>
    public const int MaxReviewLength = 10_000_000;

    /// <summary>The most reviews one input may hold; more would fill memory before any is scored.</summary>
    public const int MaxReviews = 1_000_000;

    /// <summary>How many blank line numbers <see cref="ReviewLineSet.FirstBlankLines"/> keeps.</summary>
    public const int ShownBlankLines = 20;

    private const int ChunkSize = 1 << 16;

    /// <summary>
    /// Reads UTF-8 lines from <paramref name="stream"/> (a leading byte order mark is ignored);
    /// <paramref name="source"/> names it in messages, e.g. "--file reviews.txt".
    /// </summary>
    public static ReviewLineSet Read(Stream stream, string source)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(source);
        var lines = new Collector(source);
        var line = new ArrayBufferWriter<byte>();
        var chunk = new byte[ChunkSize];
        int characters = 0;
        bool afterCarriageReturn = false;
        int read;
        while ((read = ReadChunk(stream, chunk, source, lines.NextLineNumber)) > 0)
        {
            int start = 0;
            for (int i = 0; i < read; i++)
            {
                byte b = chunk[i];
                if (b is (byte)'\n' or (byte)'\r')
                {
                    line.Write(chunk.AsSpan(start, i - start));
                    start = i + 1;
                    if (!(b == '\n' && afterCarriageReturn))
                    {
                        lines.Add(Decode(line.WrittenSpan, source, lines.NextLineNumber));
                    }

                    line.ResetWrittenCount();
                    characters = 0;
                    afterCarriageReturn = b == '\r';
                    continue;
                }

                afterCarriageReturn = false;

                // Every byte but a UTF-8 continuation byte (10xxxxxx) starts a character.
                if ((b & 0xC0) != 0x80 && ++characters > MaxReviewLength)
                {
                    throw TooLong(source, lines.NextLineNumber);
                }
            }

            line.Write(chunk.AsSpan(start, read - start));
        }

        if (line.WrittenCount > 0)
        {
            lines.Add(Decode(line.WrittenSpan, source, lines.NextLineNumber));
        }

        return lines.Result();
    }

    /// <summary>
    /// Reads lines from <paramref name="reader"/>, which has decoded the text already (so invalid
    /// UTF-8 cannot be told apart there); the length limit and blank lines are as for a stream.
    /// </summary>
    public static ReviewLineSet Read(TextReader reader, string source)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(source);
        var lines = new Collector(source);
        var line = new StringBuilder();
        var chunk = new char[ChunkSize];
        int characters = 0;
        bool afterCarriageReturn = false;
        int read;
        while ((read = reader.Read(chunk, 0, chunk.Length)) > 0)
        {
            for (int i = 0; i < read; i++)
            {
                char c = chunk[i];
                if (c is '\n' or '\r')
                {
                    if (!(c == '\n' && afterCarriageReturn))
                    {
                        lines.Add(line.ToString());
                    }

                    line.Clear();
                    characters = 0;
                    afterCarriageReturn = c == '\r';
                    continue;
                }

                afterCarriageReturn = false;
                line.Append(c);
                if (!char.IsLowSurrogate(c) && ++characters > MaxReviewLength)
                {
                    throw TooLong(source, lines.NextLineNumber);
                }
            }
        }

        if (line.Length > 0)
        {
            lines.Add(line.ToString());
        }

        return lines.Result();
    }

    private static int ReadChunk(Stream stream, byte[] chunk, string source, int lineNumber)
    {
        try
        {
            return stream.Read(chunk, 0, chunk.Length);
        }
        catch (IOException ex)
        {
            throw new UserErrorException(
                $"Could not read {source} at line {lineNumber}: {UserMessages.Clause(ex.Message)}.", ex);
        }
    }

    private static string Decode(ReadOnlySpan<byte> bytes, string source, int lineNumber)
    {
        if (lineNumber == 1 && bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bytes = bytes[3..];
        }

        var chars = new char[bytes.Length];
        var status = Utf8.ToUtf16(bytes, chars, out int bytesRead, out int written, replaceInvalidSequences: false);
        if (status != OperationStatus.Done)
        {
            throw new UserErrorException(string.Create(CultureInfo.InvariantCulture,
                $"{source} line {lineNumber} is not valid UTF-8 (byte 0x{bytes[bytesRead]:X2} at byte "
                + $"{bytesRead + 1} of the line). Save the reviews as UTF-8 text and try again."));
        }

        return new string(chars, 0, written);
    }

    private static UserErrorException TooLong(string source, int lineNumber) =>
        new(string.Create(CultureInfo.InvariantCulture,
            $"{source} line {lineNumber} is longer than {MaxReviewLength:N0} characters, the most one review may "
            + $"have. Put one review per line (ending each with a line break), or shorten it."));

    private sealed class Collector(string source)
    {
        private readonly List<ReviewLine> _reviews = [];
        private readonly List<int> _firstBlank = [];
        private int _blank;
        private int _lineCount;

        public int NextLineNumber => _lineCount + 1;

        public void Add(string text)
        {
            if (_lineCount == int.MaxValue)
            {
                throw new UserErrorException($"{source} has more than {int.MaxValue} lines; split it.");
            }

            _lineCount++;
            if (string.IsNullOrWhiteSpace(text))
            {
                _blank++;
                if (_firstBlank.Count < ShownBlankLines)
                {
                    _firstBlank.Add(_lineCount);
                }

                return;
            }

            if (_reviews.Count == MaxReviews)
            {
                throw new UserErrorException(
                    $"{source} holds more than {MaxReviews:N0} reviews (line {_lineCount}); split it into smaller "
                    + "files and run predict on each.");
            }

            _reviews.Add(new ReviewLine(_lineCount, text));
        }

        public ReviewLineSet Result() => new(_reviews, _blank, _firstBlank);
    }
}
