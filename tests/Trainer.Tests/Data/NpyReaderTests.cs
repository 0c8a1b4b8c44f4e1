using System.Buffers.Binary;
using GpuImdb.Trainer.Data;

namespace GpuImdb.Trainer.Tests.Data;

public class NpyReaderTests
{
    private const string Source = "imdb.npz: entry 'y_train.npy'";

    [Fact]
    public void Reads_an_int64_array_written_by_numpy()
    {
        // np.lib.format.write_array(f, np.array([1, 0, 1], dtype='<i8')) by numpy 1.24.2.
        const string Dict = "{'descr': '<i8', 'fortran_order': False, 'shape': (3,), }";
        var padding = new string(' ', 118 - Dict.Length - 1);
        byte[] numpy =
        [
            .. PyBytes.Parse(@"\x93NUMPY\x01\x00v\x00" + Dict + padding + @"\n"),
            .. PyBytes.Parse(@"\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"),
            .. PyBytes.Parse(@"\x01\x00\x00\x00\x00\x00\x00\x00"),
        ];

        var array = NpyReader.Parse(numpy, Source);

        Assert.Equal(numpy, NpyBytes.Int64(1, 0, 1));
        Assert.Equal("<i8", array.Dtype);
        Assert.Equal([3], array.Shape);
        Assert.Equal([1L, 0, 1], array.ToInt64Array());
        Assert.False(array.IsObjectArray);
    }

    [Theory]
    [InlineData("<i8", @"\x07\x00\x00\x00\x00\x00\x00\x00\xfe\xff\xff\xff\xff\xff\xff\xff", 7, -2)]
    [InlineData("<i4", @"\x07\x00\x00\x00\xfe\xff\xff\xff", 7, -2)]
    [InlineData("|i1", @"\x07\xfe", 7, -2)]
    [InlineData("|u1", @"\x07\xfe", 7, 254)]
    [InlineData("|b1", @"\x01\x00", 1, 0)]
    [InlineData("<f4", @"\x00\x00\xe0\x40\x00\x00\x00\xc0", 7, -2)]
    [InlineData("<f8", @"\x00\x00\x00\x00\x00\x00\x1c\x40\x00\x00\x00\x00\x00\x00\x00\xc0", 7, -2)]
    public void Reads_each_supported_numeric_dtype(string descr, string data, long first, long second)
    {
        var bytes = NpyBytes.Array(descr, "(2,)", PyBytes.Parse(data));

        var array = NpyReader.Parse(bytes, Source);

        Assert.Equal([first, second], array.ToInt64Array());
        Assert.Equal([(int)first, (int)second], array.ToInt32Array());
    }

    [Fact]
    public void Reads_a_version_2_header_and_flattens_two_dimensions_row_major()
    {
        // The first 12 bytes are numpy's for write_array(f, array_2x3_int32, version=(2, 0)).
        var data = new byte[24];
        int[] values = [1, -2, 3, 4, 5, -6];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(data.AsSpan(i * 4), values[i]);
        }

        var bytes = NpyBytes.Array("<i4", "(2, 3)", data, major: 2);

        var array = NpyReader.Parse(bytes, Source);

        Assert.Equal(PyBytes.Parse(@"\x93NUMPY\x02\x00t\x00\x00\x00"), bytes[..12]);
        Assert.Equal([2, 3], array.Shape);
        Assert.Equal(values, array.ToInt32Array());
    }

    [Fact]
    public void Reads_a_version_3_header()
    {
        var data = PyBytes.Parse(@"\x00\x00\x00\x00\x00\x00\xf0?\x00\x00\x00\x00\x00\x00\x00@");
        var bytes = NpyBytes.Array("<f8", "(2,)", data, major: 3);

        var array = NpyReader.Parse(bytes, Source);

        Assert.Equal([1L, 2], array.ToInt64Array());
    }

    [Fact]
    public void Reads_python_2_long_integers_in_the_shape()
    {
        var bytes = NpyBytes.WithHeader(
            "{'descr': '<i8', 'fortran_order': False, 'shape': (1L,)}", new byte[8]);

        var array = NpyReader.Parse(bytes, Source);

        Assert.Equal([1], array.Shape);
    }

    [Fact]
    public void Reads_an_object_array_of_int_lists()
    {
        var bytes = NpyBytes.IntLists([1, 2], [3]);

        var array = NpyReader.Parse(bytes, "imdb.npz: entry 'x_train.npy'");

        Assert.True(array.IsObjectArray);
        Assert.Equal("|O", array.Dtype);
        Assert.Equal([[1, 2], [3]], array.ToIntLists());
    }

    [Fact]
    public void Refuses_an_unsupported_dtype_naming_the_entry_and_the_dtype()
    {
        var bytes = NpyBytes.Array(">f2", "(2,)", [0x3c, 0, 0x40, 0]);

        var error = Assert.Throws<UserErrorException>(() => NpyReader.Parse(bytes, Source));

        Assert.StartsWith(
            "imdb.npz: entry 'y_train.npy' has dtype '>f2', which is not supported; expected one of "
            + "'<i8', '<i4', '|i1', '|u1', '<f4', '<f8', '|b1', '|O'.",
            error.Message);
    }

    [Fact]
    public void Refuses_a_structured_dtype()
    {
        var bytes = NpyBytes.WithHeader(
            "{'descr': [('a', '<i4')], 'fortran_order': False, 'shape': (1,), }", new byte[4]);

        var error = Assert.Throws<UserErrorException>(() => NpyReader.Parse(bytes, Source));

        Assert.StartsWith(
            $"{Source} has dtype [('a', '<i4')], which is not supported", error.Message);
    }

    [Fact]
    public void Refuses_fortran_order()
    {
        var bytes = NpyBytes.Array("<i8", "(2, 2)", new byte[32], fortran: true);

        var error = Assert.Throws<UserErrorException>(() => NpyReader.Parse(bytes, Source));

        Assert.Equal(
            $"{Source} is stored in Fortran (column-major) order, which is not supported; re-save "
            + "it with numpy in C order (np.ascontiguousarray).",
            error.Message);
    }

    [Fact]
    public void Refuses_data_shorter_than_the_shape_needs()
    {
        var bytes = NpyBytes.Array("<i8", "(3,)", new byte[20]);

        var error = Assert.Throws<UserErrorException>(() => NpyReader.Parse(bytes, Source));

        Assert.StartsWith(
            $"{Source} is truncated: shape (3,) of '<i8' needs 24 bytes of data but it has 20.",
            error.Message);
    }

    [Fact]
    public void Refuses_bytes_without_the_npy_magic()
    {
        var bytes = "PK\x03\x04 this is a zip, not an npy"u8.ToArray();

        var error = Assert.Throws<UserErrorException>(() => NpyReader.Parse(bytes, Source));

        Assert.StartsWith($"{Source} is not a .npy array", error.Message);
    }

    [Fact]
    public void Refuses_a_format_version_it_does_not_know()
    {
        var bytes = NpyBytes.Int64(1);
        bytes[6] = 4;

        var error = Assert.Throws<UserErrorException>(() => NpyReader.Parse(bytes, Source));

        Assert.StartsWith(
            $"{Source} has .npy format version 4.0, which is not supported", error.Message);
    }

    [Theory]
    [InlineData("{'descr': '<i8', 'fortran_order': False}", "has keys 'descr', 'fortran_order'")]
    [InlineData("{'descr': '<i8', 'fortran_order': 0, 'shape': (1,)}", "'fortran_order' is 0")]
    [InlineData("{'descr': '<i8', 'fortran_order': False, 'shape': (-1,)}", "'shape' is (-1,)")]
    [InlineData("{'descr': '<i8', 'fortran_order': False, 'shape': (1,)", "expected '}'")]
    [InlineData("['descr']", "the header is not a dict")]
    public void Refuses_a_malformed_header_saying_what_is_wrong(string dict, string expected)
    {
        var bytes = NpyBytes.WithHeader(dict, new byte[8]);

        var error = Assert.Throws<UserErrorException>(() => NpyReader.Parse(bytes, Source));

        Assert.StartsWith($"{Source} has a malformed .npy header (", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Refuses_an_object_array_with_more_than_one_dimension()
    {
        var bytes = NpyBytes.Array("|O", "(1, 1)", PickleWriter.NumpyIntLists([1]));

        var error = Assert.Throws<UserErrorException>(() => NpyReader.Parse(bytes, Source));

        Assert.StartsWith(
            $"{Source} is an object array of shape (1, 1); only 1-D object arrays are supported.",
            error.Message);
    }

    [Fact]
    public void Refuses_an_object_array_whose_pickle_disagrees_with_the_header_shape()
    {
        var bytes = NpyBytes.Array("|O", "(3,)", PickleWriter.NumpyIntLists([1], [2]));

        var error = Assert.Throws<UserErrorException>(() => NpyReader.Parse(bytes, Source));

        Assert.StartsWith(
            $"{Source} has 2 pickled rows but its header says shape (3,).", error.Message);
    }

    [Fact]
    public void Refuses_values_that_do_not_fit_the_requested_integer_type()
    {
        var array = NpyReader.Parse(NpyBytes.Int64(5, 3_000_000_000), Source);

        var error = Assert.Throws<UserErrorException>(() => array.ToInt32Array());

        Assert.StartsWith(
            $"{Source} has value 3000000000 at index 1, which does not fit in a 32-bit int.",
            error.Message);
    }

    [Fact]
    public void Refuses_floats_that_are_not_whole_numbers()
    {
        var data = new byte[8];
        BinaryPrimitives.WriteDoubleLittleEndian(data, 0.5);
        var array = NpyReader.Parse(NpyBytes.Array("<f8", "(1,)", data), Source);

        var error = Assert.Throws<UserErrorException>(() => array.ToInt64Array());

        Assert.StartsWith(
            $"{Source} has value 0.5 at index 0, which is not a whole number", error.Message);
    }

    [Fact]
    public void Asking_a_numeric_array_for_int_lists_names_its_dtype()
    {
        var array = NpyReader.Parse(NpyBytes.Int64(1), Source);

        var error = Assert.Throws<UserErrorException>(() => array.ToIntLists());

        Assert.StartsWith(
            $"{Source} has dtype '<i8'; expected an object array ('|O') of int lists.",
            error.Message);
    }
}
