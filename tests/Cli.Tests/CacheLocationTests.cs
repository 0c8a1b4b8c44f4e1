using GpuImdb.Tests;

namespace GpuImdb.Cli.Tests;

/// <summary>Where the commands put GpuImdb's cache when the environment is unusual.</summary>
public sealed class CacheLocationTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly EnvironmentScope _environment = new();

    public CacheLocationTests()
    {
        _environment
            .Set("GPUIMDB_DATA", null)
            .Set("KERAS_HOME", null)
            .Set("XDG_CACHE_HOME", null)
            .Set("GPUIMDB_DOWNLOAD_URL", LocalHttpServer.UnusedAddress("mirror/").ToString());
    }

    public void Dispose()
    {
        _environment.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public void A_home_folder_that_does_not_exist_keeps_the_cache_under_it_not_under_the_current_folder()
    {
        string home = _dir.File("no-such-home");
        _environment.Set("HOME", home);

        var run = CliRun.Of("decode", "--index", "0");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"No IMDB data found; downloading it to {Path.Combine(home, ".cache", "gpuimdb")}\n",
            run.Error);
        Assert.Contains($"copy it to {Path.Combine(home, ".cache", "gpuimdb", "imdb_word_index.json")} ", run.Error);
        Assert.False(Directory.Exists(Path.Combine(Environment.CurrentDirectory, ".cache", "gpuimdb")));
    }

    [Fact]
    public void An_empty_data_option_is_refused_instead_of_searching_and_downloading()
    {
        _environment.Set("HOME", _dir.File("home"));

        var run = CliRun.Of("decode", "--index", "0", "--data", "");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(
            "error: --data is empty; give a path to Keras's imdb.npz, Stanford's aclImdb_v1.tar.gz or its aclImdb "
            + "folder, or leave --data out to use GPUIMDB_DATA or the caches.\n",
            run.Error);
        Assert.False(Directory.Exists(_dir.File("home")));
    }
}
