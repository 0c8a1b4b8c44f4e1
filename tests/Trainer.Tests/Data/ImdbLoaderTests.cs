using GpuImdb.Trainer.Data;

namespace GpuImdb.Trainer.Tests.Data;

public sealed class ImdbLoaderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose()
    {
        _folder.Dispose();
    }

    [Fact]
    public void Forms_are_recognised_by_content_not_by_name()
    {
        var tarNamedNpz = _folder.Write("imdb.npz", AclImdbFiles.Minimal().ToTarGz());
        var npzNamedBin = _folder.WriteNpz("data.bin", ("x_train.npy", NpyBytes.Int64(1)));
        var folder = AclImdbFiles.Minimal().WriteFolder(Path.Combine(_folder.Path, "raw"));

        Assert.Equal(ImdbFormat.AclImdbTarGz, ImdbLoader.Detect(tarNamedNpz));
        Assert.Equal(ImdbFormat.Npz, ImdbLoader.Detect(npzNamedBin));
        Assert.Equal(ImdbFormat.AclImdbDirectory, ImdbLoader.Detect(folder));
    }

    [Fact]
    public void A_non_zip_npz_is_refused_with_its_first_bytes()
    {
        var path = _folder.Write("imdb.npz", "not a zip"u8.ToArray());

        var error = Assert.Throws<UserErrorException>(() => ImdbLoader.Load(path));

        Assert.StartsWith(
            $"{path} is not a valid .npz (zip) archive: its first bytes are 6E6F7420, not a zip signature",
            error.Message);
    }

    [Fact]
    public void An_empty_file_is_refused()
    {
        var path = _folder.Write("reviews.dat", []);

        var error = Assert.Throws<UserErrorException>(() => ImdbLoader.Load(path));

        Assert.StartsWith($"{path} is not IMDB data: it is empty, neither a zip (.npz) nor a gzip", error.Message);
    }

    [Fact]
    public void A_format_other_than_the_one_asked_for_is_refused()
    {
        var path = _folder.Write("aclImdb_v1.tar.gz", AclImdbFiles.Minimal().ToTarGz());

        var error = Assert.Throws<UserErrorException>(() => ImdbLoader.Load(path, format: DataFormat.Npz));

        Assert.StartsWith($"{path} holds Stanford's raw reviews, but --format npz was given;", error.Message);
    }

    [Fact]
    public void Raw_reviews_use_the_word_index_beside_the_archive()
    {
        var path = _folder.Write("aclImdb_v1.tar.gz", AclImdbFiles.Minimal().ToTarGz());
        var index = _folder.Write("imdb_word_index.json", "{\"movie\": 1, \"great\": 2}"u8.ToArray());

        var data = ImdbLoader.Load(path, format: DataFormat.Raw);

        Assert.Equal(index, data.WordIndexPath);
        Assert.Null(data.BuiltWordIndex);
        Assert.Equal(
            [[1], [1, 4], [1, 5], [1, 5, 4]],
            data.Train.Sequences.Concat(data.Test.Sequences).OrderBy(s => s.Length).ThenBy(s => s[^1]));
    }

    [Fact]
    public void Raw_reviews_use_a_word_index_inside_the_folder()
    {
        var folder = AclImdbFiles.Minimal().WriteFolder(_folder.Path);
        var index = _folder.Write("aclImdb/imdb_word_index.json", "{\"great\": 1}"u8.ToArray());

        Assert.Equal(index, ImdbLoader.FindWordIndex(folder));
        Assert.Equal(index, ImdbLoader.FindWordIndex(folder + "/"));
    }

    [Fact]
    public void Raw_reviews_without_a_word_index_build_one()
    {
        var path = _folder.Write("aclImdb_v1.tar.gz", AclImdbFiles.Minimal().ToTarGz());

        var data = ImdbLoader.Load(path);

        Assert.Null(data.WordIndexPath);
        var built = Assert.IsType<WordIndex>(data.BuiltWordIndex);
        Assert.Equal(["a", "movie", "great", "bad"], built.Ranks.OrderBy(p => p.Value).Select(p => p.Key));
    }
}
