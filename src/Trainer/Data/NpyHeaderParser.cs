using System.Globalization;
using System.Text;

namespace GpuImdb.Trainer.Data;

/// <summary>
/// Parses the Python dict literal of a .npy header, such as
/// <c>{'descr': '&lt;i8', 'fortran_order': False, 'shape': (25000,), }</c>. numpy reads it
/// with <c>ast.literal_eval</c>; this accepts the subset numpy writes: strings, True/False/None,
/// integers (with Python 2's <c>L</c> suffix), tuples, lists and dicts.
/// </summary>
internal sealed class NpyHeaderParser
{
    private readonly string _text;
    private int _pos;

    private NpyHeaderParser(string text)
    {
        _text = text;
    }

    /// <summary>Parses the header; a <see cref="FormatException"/> says what is wrong.</summary>
    public static NpyHeader Parse(string text)
    {
        var parser = new NpyHeaderParser(text);
        if (parser.ParseValue() is not Dictionary<string, Literal> dict)
        {
            throw new FormatException("the header is not a dict");
        }

        parser.SkipSpace();
        if (parser._pos != text.Length)
        {
            throw new FormatException($"unexpected text after the dict at character {parser._pos}");
        }

        if (dict.Count != 3 || !dict.ContainsKey("descr") || !dict.ContainsKey("fortran_order")
            || !dict.ContainsKey("shape"))
        {
            var keys = string.Join(", ", dict.Keys.Order(StringComparer.Ordinal).Select(k => $"'{k}'"));
            throw new FormatException(
                $"the header has keys {keys}; expected 'descr', 'fortran_order' and 'shape'");
        }

        var descr = dict["descr"];
        if (dict["fortran_order"].Value is not bool fortran)
        {
            var shown = dict["fortran_order"].Text;
            throw new FormatException($"'fortran_order' is {shown}; expected True or False");
        }

        return new NpyHeader(
            descr.Value as string ?? descr.Text,
            descr.Value is string,
            fortran,
            ToShape(dict["shape"]));
    }

    private static int[] ToShape(Literal shape)
    {
        if (shape.Value is not List<Literal> { } dims || !shape.IsTuple)
        {
            throw new FormatException($"'shape' is {shape.Text}; expected a tuple of integers");
        }

        var result = new int[dims.Count];
        for (var i = 0; i < dims.Count; i++)
        {
            if (dims[i].Value is not long n || n < 0 || n > int.MaxValue)
            {
                throw new FormatException(
                    $"'shape' is {shape.Text}; expected a tuple of integers from 0 to {int.MaxValue}");
            }

            result[i] = (int)n;
        }

        return result;
    }

    private object? ParseValue()
    {
        SkipSpace();
        if (_pos >= _text.Length)
        {
            throw new FormatException("the header ends in the middle of a value");
        }

        var c = _text[_pos];
        return c switch
        {
            '{' => ParseDict(),
            '(' => ParseSequence(')'),
            '[' => ParseSequence(']'),
            '\'' or '"' => ParseString(),
            _ when char.IsAsciiDigit(c) || c == '-' || c == '+' => ParseInteger(),
            _ when char.IsAsciiLetter(c) => ParseName(),
            _ => throw new FormatException($"unexpected character '{c}' at character {_pos}"),
        };
    }

    private Literal ParseLiteral()
    {
        SkipSpace();
        var start = _pos;
        var isTuple = _pos < _text.Length && _text[_pos] == '(';
        var value = ParseValue();
        return new Literal(value, _text[start.._pos], isTuple);
    }

    private Dictionary<string, Literal> ParseDict()
    {
        var dict = new Dictionary<string, Literal>(StringComparer.Ordinal);
        _pos++;
        while (true)
        {
            SkipSpace();
            if (TryTake('}'))
            {
                return dict;
            }

            if (ParseValue() is not string key)
            {
                throw new FormatException($"a dict key before character {_pos} is not a string");
            }

            SkipSpace();
            Expect(':');
            dict[key] = ParseLiteral();
            SkipSpace();
            if (!TryTake(','))
            {
                SkipSpace();
                Expect('}');
                return dict;
            }
        }
    }

    private List<Literal> ParseSequence(char close)
    {
        var items = new List<Literal>();
        _pos++;
        while (true)
        {
            SkipSpace();
            if (TryTake(close))
            {
                return items;
            }

            items.Add(ParseLiteral());
            SkipSpace();
            if (!TryTake(','))
            {
                SkipSpace();
                Expect(close);
                return items;
            }
        }
    }

    private string ParseString()
    {
        var quote = _text[_pos++];
        var sb = new StringBuilder();
        while (_pos < _text.Length && _text[_pos] != quote)
        {
            var c = _text[_pos++];
            if (c == '\\' && _pos < _text.Length)
            {
                c = _text[_pos++];
            }

            sb.Append(c);
        }

        Expect(quote);
        return sb.ToString();
    }

    private long ParseInteger()
    {
        var start = _pos;
        if (_text[_pos] is '-' or '+')
        {
            _pos++;
        }

        while (_pos < _text.Length && char.IsAsciiDigit(_text[_pos]))
        {
            _pos++;
        }

        var digits = _text[start.._pos];
        if (_pos < _text.Length && _text[_pos] is 'L' or 'l')
        {
            _pos++;
        }

        var style = NumberStyles.AllowLeadingSign;
        if (!long.TryParse(digits, style, CultureInfo.InvariantCulture, out var value))
        {
            throw new FormatException(
                $"'{digits}' at character {start} is not an integer that fits in 64 bits");
        }

        return value;
    }

    private object? ParseName()
    {
        var start = _pos;
        while (_pos < _text.Length && char.IsAsciiLetterOrDigit(_text[_pos]))
        {
            _pos++;
        }

        return _text[start.._pos] switch
        {
            "True" => true,
            "False" => false,
            "None" => null,
            var name => throw new FormatException($"unexpected name '{name}' at character {start}"),
        };
    }

    private void SkipSpace()
    {
        while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos]))
        {
            _pos++;
        }
    }

    private bool TryTake(char c)
    {
        if (_pos < _text.Length && _text[_pos] == c)
        {
            _pos++;
            return true;
        }

        return false;
    }

    private void Expect(char c)
    {
        if (!TryTake(c))
        {
            var found = _pos < _text.Length ? $"'{_text[_pos]}'" : "the end";
            throw new FormatException($"expected '{c}' at character {_pos} but found {found}");
        }
    }

    /// <summary>A parsed value and the source text it came from, for messages.</summary>
    private sealed record Literal(object? Value, string Text, bool IsTuple);
}
