using GpuImdb.Trainer.Data;

namespace GpuImdb.Trainer.Tests.Data;

public class SafePickleTests
{
    private const string Source = "imdb.npz: entry 'x_train.npy'";

    // np.lib.format.write_array of an object array [[1, 2], [], [300, 70000, -5]] by numpy 1.24.2,
    // header removed: the pickle numpy writes for x_train and x_test.
    private static readonly byte[] NumpyPickle = PyBytes.Parse(
        @"\x80\x03cnumpy.core.multiarray\n_reconstruct\nq\x00cnumpy\nndarray\nq\x01"
        + @"K\x00\x85q\x02C\x01bq\x03\x87q\x04Rq\x05(K\x01K\x03\x85q\x06cnumpy\ndtype\nq\x07"
        + @"X\x02\x00\x00\x00O8q\x08\x89\x88\x87q\tRq\n(K\x03X\x01\x00\x00\x00|q\x0bNNN"
        + @"J\xff\xff\xff\xffJ\xff\xff\xff\xffK?tq\x0cb\x89]q\r(]q\x0e(K\x01K\x02e]q\x0f]q\x10"
        + @"(M,\x01Jp\x11\x01\x00J\xfb\xff\xff\xffeetq\x11b.");

    [Fact]
    public void Test_pickle_writer_matches_the_bytes_numpy_writes()
    {
        var written = PickleWriter.NumpyIntLists([1, 2], [], [300, 70000, -5]);

        Assert.Equal(NumpyPickle, written);
    }

    [Fact]
    public void Decodes_numpys_pickle_of_an_object_array_of_int_lists()
    {
        var rows = SafePickle.DecodeIntLists(NumpyPickle, Source);

        Assert.Equal([[1, 2], [], [300, 70000, -5]], rows);
    }

    [Fact]
    public void Decodes_a_protocol_2_pickle_that_writes_bytes_with_codecs_encode()
    {
        // pickle.dumps(array_of_lists([[1, 2], [3]]), protocol=2) by Python 3.11, numpy 1.24.2.
        var pickle = PyBytes.Parse(
            @"\x80\x02cnumpy.core.multiarray\n_reconstruct\nq\x00cnumpy\nndarray\nq\x01K\x00"
            + @"\x85q\x02c_codecs\nencode\nq\x03X\x01\x00\x00\x00bq\x04X\x06\x00\x00\x00latin1"
            + @"q\x05\x86q\x06Rq\x07\x87q\x08Rq\t(K\x01K\x02\x85q\ncnumpy\ndtype\nq\x0b"
            + @"X\x02\x00\x00\x00O8q\x0c\x89\x88\x87q\rRq\x0e(K\x03X\x01\x00\x00\x00|q\x0fNNN"
            + @"J\xff\xff\xff\xffJ\xff\xff\xff\xffK?tq\x10b\x89]q\x11(]q\x12(K\x01K\x02e]q\x13"
            + @"K\x03aetq\x14b.");

        var rows = SafePickle.DecodeIntLists(pickle, Source);

        Assert.Equal([[1, 2], [3]], rows);
    }

    [Fact]
    public void Decodes_a_pickle_that_starts_inside_a_larger_array()
    {
        var padded = new byte[NumpyPickle.Length + 100];
        NumpyPickle.CopyTo(padded, 64);

        var rows = SafePickle.DecodeIntLists(padded.AsMemory(64, NumpyPickle.Length), Source);

        Assert.Equal([[1, 2], [], [300, 70000, -5]], rows);
    }

    [Fact]
    public void Accepts_the_module_name_numpy_2_writes()
    {
        var pickle = PickleWriter.NumpyObjectArray(
            1, (w, _) => w.IntList([7]), module: "numpy._core.multiarray");

        var rows = SafePickle.DecodeIntLists(pickle, Source);

        Assert.Equal([[7]], rows);
    }

    [Fact]
    public void Decodes_long_rows_written_in_batches_of_a_thousand()
    {
        var row = Enumerable.Range(0, 2500).Select(i => (long)i * 1000).ToArray();
        var pickle = PickleWriter.NumpyIntLists(row, [1]);

        var rows = SafePickle.DecodeIntLists(pickle, Source);

        Assert.Equal(row.Select(v => (int)v), rows[0]);
        Assert.Equal([1], rows[1]);
    }

    [Fact]
    public void Refuses_a_pickle_that_calls_posix_system_with_a_message_naming_it()
    {
        // pickle.dumps of an object whose __reduce__ returns (os.system, ('id',)), protocol 3.
        var pickle = PyBytes.Parse(
            @"\x80\x03cposix\nsystem\nq\x00X\x02\x00\x00\x00idq\x01\x85q\x02Rq\x03.");

        var error = DecodeFails(pickle);

        Assert.Equal(
            "imdb.npz: entry 'x_train.npy' is a pickle that names 'posix system'; only numpy's array "
            + "reconstruction is accepted. The file is untrusted input; re-create it with numpy.",
            error.Message);
    }

    [Theory]
    [InlineData(@"cposix\nsystem\np0\n(Vid\np1\ntp2\nRp3\n.", "names 'posix system'")]
    [InlineData(@"\x80\x02cposix\nsystem\nq\x00X\x02\x00\x00\x00idq\x01\x85q\x02Rq\x03.", "names 'posix")]
    [InlineData(@"\x80\x03cos\ngetcwd\n)R.", "names 'os getcwd'")]
    [InlineData(@"\x80\x03cbuiltins\neval\nX\x01\x00\x00\x001\x85R.", "names 'builtins eval'")]
    [InlineData(@"(S'id'\nios\nsystem\n.", "uses opcode INST")]
    [InlineData(@"\x80\x02cnumpy\nndarray\n)\x81.", "uses opcode NEWOBJ")]
    [InlineData(@"\x80\x02cnumpy\ndtype\n(o.", "uses opcode OBJ")]
    [InlineData(@"\x80\x02\x82\x01.", "uses opcode EXT1")]
    [InlineData(@"\x80\x03X\x01\x00\x00\x001Q.", "uses opcode BINPERSID")]
    public void Refuses_pickles_that_name_or_build_anything_else(string pickle, string expected)
    {
        var bytes = PyBytes.Parse(pickle);

        var error = DecodeFails(bytes);

        Assert.Contains($"{Source} is a pickle that {expected}", error.Message);
        Assert.EndsWith("The file is untrusted input; re-create it with numpy.", error.Message);
    }

    [Fact]
    public void Refuses_stack_global_even_when_the_names_look_harmless()
    {
        // pickle.dumps of (os.system, ('id',)) with protocol 4, which names it via STACK_GLOBAL.
        var pickle = PyBytes.Parse(
            @"\x80\x04\x95\x1d\x00\x00\x00\x00\x00\x00\x00\x8c\x05posix\x94\x8c\x06system\x94\x93\x94"
            + @"\x8c\x02id\x94\x85\x94R\x94.");

        var error = DecodeFails(pickle);

        Assert.Contains("uses opcode STACK_GLOBAL (0x93) at byte 28", error.Message);
    }

    [Fact]
    public void Refuses_a_posix_system_call_hidden_in_an_array_element()
    {
        var pickle = PickleWriter.NumpyObjectArray(
            2,
            (w, i) =>
            {
                if (i == 0)
                {
                    w.IntList([1]);
                }
                else
                {
                    w.Global("posix", "system").Unicode("id").Op(0x85).Op((byte)'R');
                }
            });

        var error = DecodeFails(pickle);

        Assert.Contains("names 'posix system'", error.Message);
    }

    [Theory]
    [InlineData("string", "a string 'oops' at element 1")]
    [InlineData("float", "the float 1.5 at element 1, position 0, which is not a 32-bit int")]
    [InlineData("huge", "the int 1099511627776 at element 1, position 0, which is not a 32-bit int")]
    [InlineData("none", "None at element 1")]
    public void Refuses_elements_that_are_not_lists_of_32_bit_ints(string kind, string expected)
    {
        var pickle = PickleWriter.NumpyObjectArray(
            2,
            (w, i) =>
            {
                _ = (i, kind) switch
                {
                    (0, _) => w.IntList([1, 2]),
                    (_, "string") => w.Unicode("oops"),
                    (_, "float") => w.List(1, (l, _) => l.Float(1.5)),
                    (_, "huge") => w.IntList([1L << 40]),
                    _ => w.Op((byte)'N'),
                };
            });

        var error = DecodeFails(pickle);

        Assert.Equal(
            $"{Source} holds {expected}; expected a 1-D numpy object array whose elements are "
            + "lists of ints. The file is untrusted input; re-create it with numpy.",
            error.Message);
    }

    [Fact]
    public void Refuses_an_array_whose_dtype_is_not_object()
    {
        var pickle = PickleWriter.NumpyObjectArray(1, (w, _) => w.IntList([1]), dtype: "i8");

        var error = DecodeFails(pickle);

        Assert.Contains("holds an array of dtype 'i8'", error.Message);
    }

    [Fact]
    public void Refuses_a_pickle_that_is_not_a_numpy_array()
    {
        var pickle = PyBytes.Parse(@"\x80\x03]q\x00(K\x01K\x02e.");

        var error = DecodeFails(pickle);

        Assert.Contains("holds a list, not a numpy array", error.Message);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(60)]
    [InlineData(150)]
    public void Refuses_a_truncated_pickle(int keep)
    {
        var pickle = NumpyPickle[..keep];

        var error = DecodeFails(pickle);

        Assert.Contains($"{Source} is a pickle that ", error.Message);
        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void Reports_an_unknown_opcode_with_its_offset()
    {
        var pickle = PyBytes.Parse(@"\x80\x03\xff.");

        var error = DecodeFails(pickle);

        Assert.Contains("has unknown opcode 0xff at byte 2", error.Message);
    }

    private static UserErrorException DecodeFails(byte[] pickle)
    {
        return Assert.Throws<UserErrorException>(() => SafePickle.DecodeIntLists(pickle, Source));
    }
}
