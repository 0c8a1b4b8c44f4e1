using System.Buffers.Binary;
using System.Text;

namespace GpuImdb.Trainer.Data;

/// <summary>
/// Walks a pickle's opcodes without running them, before Razorvine decodes it. Razorvine has no
/// allow-list hook, so this is where names are checked: GLOBAL may only name numpy's array
/// reconstruction, and every opcode that can name or build something indirectly (STACK_GLOBAL,
/// INST, OBJ, NEWOBJ, PERSID, EXT) is refused. It also refuses lengths that run past the end,
/// so Razorvine never sees a truncated pickle.
/// </summary>
internal static class PickleScanner
{
    /// <summary>The only globals accepted: "module name", as GLOBAL writes them.</summary>
    public static readonly string[] AllowedGlobals =
    [
        "numpy.core.multiarray _reconstruct",
        "numpy._core.multiarray _reconstruct",
        "numpy ndarray",
        "numpy dtype",

        // Protocol 2 has no bytes opcode, so Python 3 writes bytes (the b'b' that _reconstruct
        // takes) as _codecs.encode('b', 'latin1'); older numpy pickled object arrays that way.
        // Razorvine's own constructor turns it into a byte[]; it runs no code.
        "_codecs encode",
    ];

    /// <summary>Opcodes with no argument, except the refused ones (see <see cref="Refused"/>).</summary>
    private const string NoArgument =
        "(012NRabd}el]st)u\u0085\u0086\u0087\u0088\u0089\u008f\u0090\u0091\u0094\u0097\u0098";

    /// <summary>Opcodes followed by one newline-terminated line of text.</summary>
    private const string TextLine = "FILSVgp";

    /// <summary>
    /// Checks <paramref name="pickle"/> up to its STOP opcode; returns null when it is acceptable,
    /// else a description of what was refused, to follow "is a pickle that ...".
    /// </summary>
    public static string? FindProblem(ReadOnlySpan<byte> pickle)
    {
        var pos = 0;
        while (pos < pickle.Length)
        {
            var at = pos;
            var op = pickle[pos++];
            if (op == (byte)'.')
            {
                return null;
            }

            if (Refused(op) is { } name)
            {
                return $"uses opcode {name} (0x{op:x2}) at byte {at}, which can name or build any "
                    + "Python object";
            }

            long skip;
            if (op == (byte)'c')
            {
                var module = ReadLine(pickle, ref pos);
                var global = module is null ? null : ReadLine(pickle, ref pos);
                if (global is null)
                {
                    return Truncated(at);
                }

                var full = $"{module} {global}";
                if (!AllowedGlobals.Contains(full))
                {
                    return $"names '{full}'";
                }

                continue;
            }
            else if (NoArgument.Contains((char)op))
            {
                skip = 0;
            }
            else if (TextLine.Contains((char)op))
            {
                if (ReadLine(pickle, ref pos) is null)
                {
                    return Truncated(at);
                }

                continue;
            }
            else if (!TryArgumentSize(op, pickle, ref pos, out skip))
            {
                return pos > pickle.Length
                    ? Truncated(at)
                    : $"has unknown opcode 0x{op:x2} at byte {at}";
            }

            if (skip < 0 || skip > pickle.Length - pos)
            {
                return Truncated(at);
            }

            pos += (int)skip;
        }

        return "ends without a STOP opcode (it is truncated)";
    }

    private static string Truncated(int at)
    {
        return $"is truncated: the opcode at byte {at} runs past the end";
    }

    private static string? Refused(byte op)
    {
        return op switch
        {
            0x93 => "STACK_GLOBAL",
            (byte)'i' => "INST",
            (byte)'o' => "OBJ",
            0x81 => "NEWOBJ",
            0x92 => "NEWOBJ_EX",
            (byte)'P' => "PERSID",
            (byte)'Q' => "BINPERSID",
            0x82 => "EXT1",
            0x83 => "EXT2",
            0x84 => "EXT4",
            _ => null,
        };
    }

    /// <summary>
    /// For opcodes with a fixed-size argument or a length-prefixed one: moves past the length
    /// prefix and sets <paramref name="skip"/> to the bytes that follow. False for an unknown
    /// opcode, or (with <paramref name="pos"/> past the end) a truncated length prefix.
    /// </summary>
    private static bool TryArgumentSize(
        byte op, ReadOnlySpan<byte> pickle, ref int pos, out long skip)
    {
        int prefix;
        switch (op)
        {
            case (byte)'K' or (byte)'h' or (byte)'q' or 0x80:
                skip = 1;
                return true;
            case (byte)'M':
                skip = 2;
                return true;
            case (byte)'J' or (byte)'j' or (byte)'r':
                skip = 4;
                return true;
            case (byte)'G' or 0x95:
                skip = 8;
                return true;
            case (byte)'U' or (byte)'C' or 0x8c or 0x8a:
                prefix = 1;
                break;
            case (byte)'T' or (byte)'X' or (byte)'B' or 0x8b:
                prefix = 4;
                break;
            case 0x8d or 0x8e or 0x96:
                prefix = 8;
                break;
            default:
                skip = 0;
                return false;
        }

        if (prefix > pickle.Length - pos)
        {
            pos = pickle.Length + 1;
            skip = 0;
            return false;
        }

        var length = pickle.Slice(pos, prefix);
        skip = prefix switch
        {
            1 => length[0],
            4 => BinaryPrimitives.ReadInt32LittleEndian(length),
            _ => BinaryPrimitives.ReadInt64LittleEndian(length),
        };
        pos += prefix;
        return true;
    }

    private static string? ReadLine(ReadOnlySpan<byte> pickle, ref int pos)
    {
        var end = pickle[pos..].IndexOf((byte)'\n');
        if (end < 0)
        {
            pos = pickle.Length;
            return null;
        }

        var text = Encoding.UTF8.GetString(pickle.Slice(pos, end));
        pos += end + 1;
        return text;
    }
}
