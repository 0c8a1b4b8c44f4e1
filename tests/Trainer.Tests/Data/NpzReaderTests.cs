using GpuImdb.Trainer.Data;

namespace GpuImdb.Trainer.Tests.Data;

public sealed class NpzReaderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose()
    {
        _folder.Dispose();
    }

    [Fact]
    public void Reads_entries_by_name_with_or_without_the_npy_suffix()
    {
        var path = _folder.WriteNpz(
            "imdb.npz",
            ("x_train.npy", NpyBytes.IntLists([4, 5], [6])),
            ("y_train.npy", NpyBytes.Int64(1, 0)));

        using var npz = NpzReader.Open(path);
        var x = npz.Read("x_train");
        var y = npz.Read("y_train.npy");

        Assert.Equal(["x_train.npy", "y_train.npy"], npz.EntryNames);
        Assert.True(npz.Contains("y_train"));
        Assert.False(npz.Contains("x_test"));
        Assert.Equal([[4, 5], [6]], x.ToIntLists());
        Assert.Equal([1L, 0], y.ToInt64Array());
        Assert.Equal($"{path}: entry 'y_train.npy'", y.Source);
    }

    [Fact]
    public void Refuses_a_truncated_archive()
    {
        var wholePath = _folder.WriteNpz("whole.npz", ("y_train.npy", NpyBytes.Int64(1, 0, 1)));
        var whole = File.ReadAllBytes(wholePath);
        var path = _folder.Write("imdb.npz", whole[..(whole.Length / 2)]);

        var error = Assert.Throws<UserErrorException>(() => NpzReader.Open(path));

        Assert.StartsWith($"{path} is not a valid .npz (zip) archive: ", error.Message);
        Assert.EndsWith("; re-download it or pass --data PATH.", error.Message);
    }

    [Fact]
    public void Refuses_a_file_that_is_not_a_zip_archive()
    {
        var path = _folder.Write("imdb.npz", "<html>Not Found</html>"u8.ToArray());

        var error = Assert.Throws<UserErrorException>(() => NpzReader.Open(path));

        Assert.StartsWith($"{path} is not a valid .npz (zip) archive: ", error.Message);
    }

    [Fact]
    public void Refuses_a_missing_file()
    {
        var path = Path.Combine(_folder.Path, "nowhere.npz");

        var error = Assert.Throws<UserErrorException>(() => NpzReader.Open(path));

        Assert.StartsWith($"File not found: {path}", error.Message);
    }

    [Fact]
    public void Names_a_missing_entry_and_lists_the_ones_present()
    {
        var path = _folder.WriteNpz("imdb.npz", ("y_train.npy", NpyBytes.Int64(1)));
        using var npz = NpzReader.Open(path);

        var error = Assert.Throws<UserErrorException>(() => npz.Read("x_train"));

        Assert.StartsWith(
            $"{path} has no entry 'x_train.npy' (its entries: y_train.npy);", error.Message);
    }

    [Fact]
    public void Names_the_file_and_entry_of_an_unsupported_dtype()
    {
        var entry = NpyBytes.Array(">f2", "(1,)", [0x3c, 0]);
        var path = _folder.WriteNpz("imdb.npz", ("y_train.npy", entry));
        using var npz = NpzReader.Open(path);

        var error = Assert.Throws<UserErrorException>(() => npz.Read("y_train"));

        Assert.StartsWith(
            $"{path}: entry 'y_train.npy' has dtype '>f2', which is not supported;", error.Message);
    }
}
