using System.Globalization;

namespace GpuImdb.Trainer.Tests.Data;

/// <summary>
/// Turns the body of a Python bytes literal, as <c>repr</c> prints it (<c>\x80\x03cposix\n...</c>),
/// into bytes, so tests can paste pickles printed by Python. Pass it a verbatim string.
/// </summary>
internal static class PyBytes
{
    public static byte[] Parse(string literal)
    {
        var bytes = new List<byte>();
        for (var i = 0; i < literal.Length; i++)
        {
            var c = literal[i];
            if (c != '\\')
            {
                bytes.Add(checked((byte)c));
                continue;
            }

            var escape = literal[++i];
            if (escape == 'x')
            {
                var hex = literal.AsSpan(i + 1, 2);
                bytes.Add(byte.Parse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                i += 2;
                continue;
            }

            bytes.Add(escape switch
            {
                'n' => (byte)'\n',
                't' => (byte)'\t',
                'r' => (byte)'\r',
                '\\' or '\'' or '"' => (byte)escape,
                _ => throw new FormatException($"Unknown escape \\{escape} in a bytes literal."),
            });
        }

        return [.. bytes];
    }
}
