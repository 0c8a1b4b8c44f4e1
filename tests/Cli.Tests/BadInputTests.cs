using GpuImdb.Trainer.Tests.Data;

namespace GpuImdb.Cli.Tests;

/// <summary>
/// Broken or hostile data files given to <c>train</c>: each gets one line on stderr naming the
/// file (and the entry inside it), exit code 2, no stack trace, and nothing in --output.
/// </summary>
public sealed class BadInputTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose()
    {
        _folder.Dispose();
    }

    [Fact]
    public void A_truncated_npz_is_refused()
    {
        var whole = File.ReadAllBytes(Npz());
        var path = _folder.Write("cut.npz", whole[..(whole.Length / 2)]);

        AssertRefused(path, $"{path} is not a valid .npz (zip) archive: ");
    }

    [Fact]
    public void A_npz_that_is_not_a_zip_is_refused()
    {
        var path = _folder.Write("imdb.npz", "<html>Not Found</html>"u8.ToArray());

        AssertRefused(path, $"{path} is not a valid .npz (zip) archive: its first bytes are 3C68746D, not a zip");
    }

    [Fact]
    public void A_zip_without_x_train_is_refused()
    {
        var path = _folder.WriteNpz("imdb.npz",
            ("y_train.npy", NpyBytes.Int64(1)),
            ("x_test.npy", NpyBytes.IntLists([4])),
            ("y_test.npy", NpyBytes.Int64(0)));

        AssertRefused(path, $"{path} has no entry 'x_train.npy' (its entries: y_train.npy, x_test.npy, y_test.npy)");
    }

    [Fact]
    public void An_npy_with_an_unsupported_dtype_is_refused_naming_the_entry()
    {
        var path = Npz(yTrain: NpyBytes.Array(">f2", "(1,)", [0x3C, 0x00]));

        AssertRefused(path, $"{path}: entry 'y_train.npy' has dtype '>f2', which is not supported;");
    }

    [Fact]
    public void An_npy_in_fortran_order_is_refused_naming_the_entry()
    {
        var path = Npz(yTrain: NpyBytes.Array("<i8", "(1,)", new byte[8], fortran: true));

        AssertRefused(path, $"{path}: entry 'y_train.npy' is stored in Fortran (column-major) order");
    }

    [Fact]
    public void A_pickle_naming_another_callable_is_refused_naming_it()
    {
        var pickle = PickleWriter.NumpyObjectArray(
            1, (w, _) => w.Global("posix", "system").Unicode("id").Op(0x85).Op((byte)'R'));
        var path = Npz(xTrain: NpyBytes.Array("|O", "(1,)", pickle));

        AssertRefused(path, $"{path}: entry 'x_train.npy' is a pickle that names 'posix system'; only numpy's");
    }

    [Fact]
    public void Labels_other_than_0_and_1_are_refused_naming_the_index()
    {
        var path = Npz(xTrain: NpyBytes.IntLists([4], [5], [6]), yTrain: NpyBytes.Int64(1, 0, 2));

        AssertRefused(path, $"{path}: entry 'y_train.npy' has label 2 at index 2; labels must be 0 (negative) or 1");
    }

    [Fact]
    public void Reviews_and_labels_of_different_lengths_are_refused()
    {
        var path = Npz(xTest: NpyBytes.IntLists([4], [5]), yTest: NpyBytes.Int64(1));

        AssertRefused(path, $"{path}: x_test.npy has 2 reviews but y_test.npy has 1 labels; they must match.");
    }

    [Fact]
    public void A_tarball_without_test_neg_is_refused()
    {
        var path = _folder.Write("aclImdb_v1.tar.gz", AclImdbFiles.Minimal().Without("test/neg/0_2.txt").ToTarGz());

        AssertRefused(path, $"{path} has no reviews in test/neg (files named like test/neg/0_9.txt);");
    }

    [Fact]
    public void A_tarball_cut_off_mid_file_is_refused_naming_the_entry()
    {
        var path = _folder.Write("aclImdb_v1.tar.gz", AclImdbFiles.CutInsideAReview());

        AssertRefused(path, $"{path}: entry 'aclImdb/train/neg/0_1.txt' is cut off: the archive ends after ");
    }

    [Fact]
    public void A_review_that_is_not_utf8_is_refused_naming_the_file()
    {
        var files = AclImdbFiles.Minimal().Entry("aclImdb/test/pos/7_9.txt", [0x47, 0x6F, 0xFF, 0x64]);
        var path = _folder.Write("aclImdb_v1.tar.gz", files.ToTarGz());

        AssertRefused(path, $"{path}: entry 'aclImdb/test/pos/7_9.txt' is not valid UTF-8 (at byte 2);");
    }

    [Fact]
    public void A_review_file_in_a_folder_that_is_not_utf8_is_refused_naming_it()
    {
        var folder = AclImdbFiles.Minimal().Entry("aclImdb/train/neg/5_2.txt", [0xC0, 0x80]).WriteFolder(_folder.Path);

        AssertRefused(folder, $"{Path.Combine(folder, "train", "neg", "5_2.txt")} is not valid UTF-8 (at byte 0);");
    }

    [Fact]
    public void A_file_that_is_no_known_form_is_refused()
    {
        var path = _folder.Write("reviews.csv", "id,text\n1,great\n"u8.ToArray());

        AssertRefused(path, $"{path} is not IMDB data: its first bytes are 69642C74, neither a zip (.npz) nor a gzip");
    }

    [Fact]
    public void A_fake_gzip_is_refused_without_naming_an_entry_before_its_first()
    {
        var path = _folder.Write("aclImdb_v1.tar.gz", [0x1F, 0x8B, .. "not really gzip"u8]);

        AssertRefused(path, $"{path} is cut off or damaged: reading its first tar entry failed (");
    }

    [Theory]
    [InlineData("truncated npz")]
    [InlineData("fake gzip")]
    [InlineData("tarball cut off")]
    public void Messages_built_from_system_errors_have_no_doubled_punctuation(string kind)
    {
        var whole = File.ReadAllBytes(Npz());
        var path = kind switch
        {
            "truncated npz" => _folder.Write("cut.npz", whole[..(whole.Length / 2)]),
            "fake gzip" => _folder.Write("fake.tar.gz", [0x1F, 0x8B, .. "not really gzip"u8]),
            _ => _folder.Write("cut.tar.gz", AclImdbFiles.CutInsideAReview()),
        };

        var run = CliRun.Of("train", "--accelerator", "cpu", "--data", path, "--epochs", "1");

        Assert.Equal(2, run.ExitCode);
        Assert.DoesNotMatch(@"[.;:,]\s*[.;:]|\.\)", run.Error.Replace("...", "", StringComparison.Ordinal));
    }

    private void AssertRefused(string dataPath, string message)
    {
        var output = Path.Combine(_folder.Path, "run");

        var run = CliRun.Of("train", "--accelerator", "cpu", "--data", dataPath, "--epochs", "1", "--output", output);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: " + message, run.Error);
        Assert.Single(run.Error.TrimEnd().Split('\n'));
        Assert.DoesNotContain("   at ", run.Error);
        Assert.Equal("", run.Output);
        Assert.False(Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any(),
            "--output received files");
    }

    // A valid two-review npz in which any entry can be replaced.
    private string Npz(byte[]? xTrain = null, byte[]? yTrain = null, byte[]? xTest = null, byte[]? yTest = null)
    {
        return _folder.WriteNpz(
            "imdb.npz",
            ("x_train.npy", xTrain ?? NpyBytes.IntLists([4, 5])),
            ("y_train.npy", yTrain ?? NpyBytes.Int64(1)),
            ("x_test.npy", xTest ?? NpyBytes.IntLists([6])),
            ("y_test.npy", yTest ?? NpyBytes.Int64(0)));
    }
}
