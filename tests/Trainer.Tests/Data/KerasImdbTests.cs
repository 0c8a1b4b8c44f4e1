using GpuImdb.Trainer.Data;

namespace GpuImdb.Trainer.Tests.Data;

public sealed class KerasImdbTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose()
    {
        _folder.Dispose();
    }

    [Fact]
    public void Shuffles_train_then_test_with_one_generator_as_keras_does()
    {
        // numpy: rng = RandomState(113); rng.shuffle(arange(5)) -> [1, 0, 3, 2, 4];
        // then rng.shuffle(arange(4)) -> [0, 1, 3, 2].
        var path = WriteImdb(
            [[10], [11], [12], [13], [14]],
            [1, 0, 0, 1, 1],
            [[20], [21], [22], [23]],
            [0, 1, 1, 0]);

        var data = KerasImdb.Load(path);

        Assert.Equal([[1, 14], [1, 13], [1, 16], [1, 15], [1, 17]], data.Train.Sequences);
        Assert.Equal([0, 1, 1, 0, 1], data.Train.Labels);
        Assert.Equal([[1, 23], [1, 24], [1, 26], [1, 25]], data.Test.Sequences);
        Assert.Equal([0, 1, 0, 1], data.Test.Labels);
        Assert.Equal(path, data.SourcePath);
    }

    [Fact]
    public void Ids_at_or_above_num_words_become_the_oov_id()
    {
        var path = WriteImdb([[1, 2, 3, 4, 0]], [1], [[5, 100]], [0]);

        var data = KerasImdb.Load(path, numWords: 6);

        Assert.Equal([1, 4, 5, 2, 2, 3], data.Train.Sequences[0]);
        Assert.Equal([1, 2, 2], data.Test.Sequences[0]);
    }

    [Fact]
    public void Start_mark_offset_and_oov_id_follow_the_arguments()
    {
        var path = WriteImdb([[1, 2, 3]], [1], [[4]], [0]);

        var data = KerasImdb.Load(path, numWords: 13, startChar: 7, oovChar: 9, indexFrom: 10);

        Assert.Equal([7, 11, 12, 9], data.Train.Sequences[0]);
        Assert.Equal([7, 9], data.Test.Sequences[0]);
    }

    [Fact]
    public void Refuses_labels_other_than_0_and_1_naming_the_value_and_index()
    {
        var path = WriteImdb([[1], [2], [3]], [1, 0, 3], [[1]], [0]);

        var error = Assert.Throws<UserErrorException>(() => KerasImdb.Load(path));

        Assert.StartsWith(
            $"{path}: entry 'y_train.npy' has label 3 at index 2; labels must be 0 (negative) or 1 "
            + "(positive).",
            error.Message);
    }

    [Fact]
    public void Refuses_a_split_with_more_reviews_than_labels()
    {
        var path = WriteImdb([[1]], [1], [[1], [2]], [0]);

        var error = Assert.Throws<UserErrorException>(() => KerasImdb.Load(path));

        Assert.StartsWith(
            $"{path}: x_test.npy has 2 reviews but y_test.npy has 1 labels; they must match.",
            error.Message);
    }

    [Fact]
    public void Refuses_a_file_without_x_train()
    {
        var path = _folder.WriteNpz(
            "imdb.npz",
            ("y_train.npy", NpyBytes.Int64(1)),
            ("x_test.npy", NpyBytes.IntLists([1])),
            ("y_test.npy", NpyBytes.Int64(0)));

        var error = Assert.Throws<UserErrorException>(() => KerasImdb.Load(path));

        Assert.StartsWith($"{path} has no entry 'x_train.npy'", error.Message);
    }

    [Fact]
    public void Refuses_a_missing_file()
    {
        var path = Path.Combine(_folder.Path, "imdb.npz");

        var error = Assert.Throws<UserErrorException>(() => KerasImdb.Load(path));

        Assert.StartsWith($"File not found: {path}", error.Message);
    }

    private string WriteImdb(long[][] xTrain, long[] yTrain, long[][] xTest, long[] yTest)
    {
        return _folder.WriteNpz(
            "imdb.npz",
            ("x_test.npy", NpyBytes.IntLists(xTest)),
            ("x_train.npy", NpyBytes.IntLists(xTrain)),
            ("y_train.npy", NpyBytes.Int64(yTrain)),
            ("y_test.npy", NpyBytes.Int64(yTest)));
    }
}
