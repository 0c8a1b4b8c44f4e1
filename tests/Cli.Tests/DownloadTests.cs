using GpuImdb.Tests;
using GpuImdb.Trainer.Tests.Data;

namespace GpuImdb.Cli.Tests;

/// <summary>
/// With no data anywhere, commands download it from a mirror (here a server on 127.0.0.1) into an
/// empty cache. The word index served is Keras's own file, so it passes its hash; the data files
/// served are not Keras's or Stanford's, so they must be refused and never land in the cache.
/// </summary>
public sealed class DownloadTests : IDisposable
{
    private readonly TempFolder _home = new();
    private readonly LocalHttpServer _server = new();
    private readonly EnvironmentScope _environment = new();
    private readonly string _cache;

    public DownloadTests()
    {
        _cache = Path.Combine(_home.Path, "xdg", "gpuimdb");
        _environment
            .Set("GPUIMDB_DATA", null)
            .Set("GPUIMDB_DOWNLOAD_URL", null)
            .Set("KERAS_HOME", Path.Combine(_home.Path, "keras"))
            .Set("XDG_CACHE_HOME", Path.Combine(_home.Path, "xdg"));
        _server.Serve("imdb_word_index.json", File.ReadAllBytes(SharedData.WordIndexJson));
    }

    public void Dispose()
    {
        _environment.Dispose();
        _server.Dispose();
        _home.Dispose();
    }

    [Fact]
    public void A_good_word_index_is_kept_and_a_data_file_with_the_wrong_hash_is_refused()
    {
        _server.Serve("imdb.npz", File.ReadAllBytes(SharedData.ImdbNpz));

        var run = CliRun.Of("data", "info", "--download-url", _server.BaseAddress.ToString());

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"No IMDB data found; downloading it to {_cache}\n", run.Error);
        Assert.Contains(
            $"Downloading imdb_word_index.json from {_server.BaseAddress}imdb_word_index.json\n", run.Error);
        Assert.Contains("Saved imdb_word_index.json (1.6 MB, sha256 verified)\n", run.Error);
        Assert.DoesNotContain("Saved imdb.npz", run.Error);
        Assert.Contains(
            $"error: imdb.npz from {_server.BaseAddress}imdb.npz has sha256 "
            + "00be43ba31836d3fd55dbab238de439707f27703aa7efec2f8f5e57cc09f9fd7, not the published "
            + "69664113be75683a8fe16e3ed0ab59fda8886cb3cd7ada244f7d9544e4676b9f; it is damaged or another file, "
            + $"so it was not saved. Without a network, fetch {_server.BaseAddress}imdb.npz elsewhere and copy "
            + $"it to {Path.Combine(_cache, "imdb.npz")}",
            run.Error);
        Assert.DoesNotContain("   at ", run.Error);
        Assert.Equal(["imdb_word_index.json"], Directory.GetFiles(_cache).Select(Path.GetFileName));
    }

    [Fact]
    public void A_cut_off_transfer_of_the_raw_reviews_leaves_nothing_in_the_cache()
    {
        var tarball = AclImdbFiles.Minimal().ToTarGz();
        _server.Serve("aclImdb_v1.tar.gz", tarball[..(tarball.Length / 2)], announcedLength: tarball.Length);
        var output = Path.Combine(_home.Path, "run");
        using var scope = new EnvironmentScope().Set("GPUIMDB_DOWNLOAD_URL", _server.BaseAddress.ToString());

        var run = CliRun.Of("train", "--accelerator", "cpu", "--format", "raw", "--output", output);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(
            $"error: The download of aclImdb_v1.tar.gz from {_server.BaseAddress}aclImdb_v1.tar.gz was cut off after "
            + $"{tarball.Length / 2} of {tarball.Length} bytes (",
            run.Error);
        Assert.Equal(["imdb_word_index.json"], Directory.GetFiles(_cache).Select(Path.GetFileName));
        Assert.False(Directory.Exists(output), "the --output folder this run created was left behind");
    }

    [Fact]
    public void Without_a_network_the_message_names_the_address_the_cache_path_and_the_manual_way()
    {
        var address = LocalHttpServer.UnusedAddress("mirror/");

        var run = CliRun.Of("decode", "--index", "0", "--download-url", address.ToString());

        var file = Path.Combine(_cache, "imdb_word_index.json");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(
            $"error: Could not download imdb_word_index.json from {address}imdb_word_index.json: ", run.Error);
        Assert.Contains(
            $"Without a network, fetch {address}imdb_word_index.json elsewhere and copy it to {file} (sha256 "
            + "027313fe9a320280f3bf0fac5baf58c4a683cf39a7ed9c3d3d3912bde4284cf6), or pass --data PATH with a copy "
            + "you have.",
            run.Error);
        Assert.DoesNotContain("   at ", run.Error);
        Assert.Empty(Directory.GetFiles(_cache));
    }

    [Fact]
    public void Data_found_in_the_cache_is_used_without_downloading()
    {
        Directory.CreateDirectory(_cache);
        File.Copy(SharedData.WordIndexJson, Path.Combine(_cache, "imdb_word_index.json"));
        File.WriteAllBytes(Path.Combine(_cache, "aclImdb_v1.tar.gz"), AclImdbFiles.Minimal().ToTarGz());

        var run = CliRun.Of("data", "info", "--download-url", _server.BaseAddress.ToString());

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(0, _server.Requests);
        Assert.StartsWith($"Data:        {Path.Combine(_cache, "aclImdb_v1.tar.gz")} (raw reviews; words mapped by ",
            run.Output);
    }
}
