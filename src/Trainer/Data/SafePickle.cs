using System.Collections;
using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using Razorvine.Pickle;

namespace GpuImdb.Trainer.Data;

/// <summary>
/// Decodes the pickle that numpy writes for a 1-D object array of int lists (the x_train and
/// x_test entries of Keras's imdb.npz). The file is untrusted, so the pickle's opcodes are
/// checked first (see <see cref="PickleScanner"/>), then Razorvine decodes it with stand-ins for
/// numpy's reconstruction functions, and then the result is type-checked element by element.
/// </summary>
public static class SafePickle
{
    private const string Untrusted = "The file is untrusted input; re-create it with numpy.";
    private static readonly Lock RegistrationLock = new();
    private static bool s_registered;

    /// <summary>
    /// Decodes <paramref name="pickle"/> into one int array per element. <paramref name="source"/>
    /// names the data in messages, for example <c>imdb.npz: entry 'x_train.npy'</c>. Throws
    /// <see cref="UserErrorException"/> for a pickle that names anything but numpy's array
    /// reconstruction, that does not decode, or that holds anything but lists of 32-bit ints.
    /// </summary>
    public static int[][] DecodeIntLists(ReadOnlyMemory<byte> pickle, string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (PickleScanner.FindProblem(pickle.Span) is { } problem)
        {
            throw new UserErrorException(
                $"{source} is a pickle that {problem}; only numpy's array reconstruction is accepted. "
                + Untrusted);
        }

        RegisterConstructors();
        object? result;
        try
        {
            using var unpickler = new Unpickler();

            // NOTE: Razorvine 1.5.0's loads(ReadOnlyMemory<byte>) ignores the offset of a slice
            // of a larger array, so hand it a whole array.
            result = unpickler.loads(WholeArray(pickle));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new UserErrorException(
                $"{source} is a pickle that could not be decoded ({UserMessages.Clause(ex.Message)}); expected numpy's "
                + $"pickle of an object array. {Untrusted}",
                ex);
        }

        var lists = ToIntLists(result, pickle.Length, source);

        // NOTE: Razorvine builds a boxed object per id (~250 MB for one split of imdb.npz). Dropping
        // and collecting it here, before the next split is decoded, cuts the peak resident memory of
        // a training run by about 60 MB.
        result = null;
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return lists;
    }

    private static byte[] WholeArray(ReadOnlyMemory<byte> pickle)
    {
        return MemoryMarshal.TryGetArray(pickle, out var segment)
            && segment.Offset == 0
            && segment.Count == segment.Array!.Length
            ? segment.Array
            : pickle.ToArray();
    }

    private static int[][] ToIntLists(object? result, int pickleLength, string source)
    {
        string Refuse(string what) =>
            $"{source} holds {what}; expected a 1-D numpy object array whose elements are lists "
            + $"of ints. {Untrusted}";

        if (result is not PickledNdarray { HasState: true } array)
        {
            throw new UserErrorException(Refuse($"{Describe(result)}, not a numpy array"));
        }

        if (array.Dtype is not PickledDtype { IsObject: true })
        {
            var dtype = array.Dtype is PickledDtype d ? $"'{d.TypeString}'" : Describe(array.Dtype);
            throw new UserErrorException(Refuse($"an array of dtype {dtype}"));
        }

        if (array.IsFortran || array.Shape.Length != 1 || AsLength(array.Shape[0]) is not { } length)
        {
            var shape = string.Join(", ", array.Shape);
            throw new UserErrorException(Refuse($"an array of shape ({shape})"));
        }

        if (array.Data is not ArrayList items || items.Count != length)
        {
            var data = Describe(array.Data);
            throw new UserErrorException(
                Refuse($"array data that is {data}, not a list of {length} elements"));
        }

        // Each int needs at least one opcode byte of its own unless lists are shared through the
        // memo; this bound stops a small file from expanding into a huge array that way.
        long total = 0;
        var rows = new int[length][];
        for (var i = 0; i < rows.Length; i++)
        {
            if (items[i] is not ArrayList list)
            {
                throw new UserErrorException(Refuse($"{Describe(items[i])} at element {i}"));
            }

            total += list.Count;
            if (total > pickleLength)
            {
                throw new UserErrorException(Refuse(
                    $"more ints than its {pickleLength} bytes can hold (lists shared by reference)"));
            }

            rows[i] = ToInts(list, i, Refuse);
        }

        return rows;
    }

    private static int[] ToInts(ArrayList list, int element, Func<string, string> refuse)
    {
        var row = new int[list.Count];
        for (var k = 0; k < row.Length; k++)
        {
            var item = list[k];
            if (item is int small)
            {
                row[k] = small;
            }
            else if (item is long wide and >= int.MinValue and <= int.MaxValue)
            {
                row[k] = (int)wide;
            }
            else
            {
                throw new UserErrorException(refuse(
                    $"{Describe(item)} at element {element}, position {k}, which is not a 32-bit int"));
            }
        }

        return row;
    }

    private static int? AsLength(object? dim)
    {
        return dim switch
        {
            int n and >= 0 => n,
            long n and >= 0 and <= int.MaxValue => (int)n,
            _ => null,
        };
    }

    private static string Describe(object? value)
    {
        return value switch
        {
            null => "None",
            string s => $"a string '{(s.Length > 40 ? s[..40] + "..." : s)}'",
            int or long or BigInteger => $"the int {value}",
            double d => $"the float {d.ToString(CultureInfo.InvariantCulture)}",
            bool b => $"the bool {b}",
            ArrayList => "a list",
            object[] => "a tuple",
            _ => $"a {value.GetType().Name}",
        };
    }

    private static void RegisterConstructors()
    {
        lock (RegistrationLock)
        {
            if (s_registered)
            {
                return;
            }

            // Razorvine keeps one process-wide table and does not lock it, so register once.
            var reconstruct = new NumpyPickleConstructor(_ => new PickledNdarray());
            Unpickler.registerConstructor("numpy.core.multiarray", "_reconstruct", reconstruct);
            Unpickler.registerConstructor("numpy._core.multiarray", "_reconstruct", reconstruct);
            var dtype = new NumpyPickleConstructor(
                args => new PickledDtype(args.Length > 0 && args[0] is string s ? s : "?"));
            Unpickler.registerConstructor("numpy", "dtype", dtype);
            var ndarray = new NumpyPickleConstructor(_ => throw new PickleException(
                "numpy.ndarray is only accepted as an argument of _reconstruct"));
            Unpickler.registerConstructor("numpy", "ndarray", ndarray);
            s_registered = true;
        }
    }
}
