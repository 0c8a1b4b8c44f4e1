using System.Security.Cryptography;
using GpuImdb.Tests;
using GpuImdb.Trainer.Data;

namespace GpuImdb.Trainer.Tests.Data;

public sealed class DataDownloaderTests : IDisposable
{
    private static readonly byte[] Body = RandomNumberGenerator.GetBytes(300_000);

    private readonly TempFolder _folder = new();
    private readonly LocalHttpServer _server = new();
    private readonly DataDownloader _downloader = new() { IdleTimeout = TimeSpan.FromSeconds(10) };

    public void Dispose()
    {
        _downloader.Dispose();
        _server.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public void A_good_file_lands_in_place_with_progress_up_to_its_size()
    {
        var file = new RemoteFile("imdb.npz", _server.Serve("imdb.npz", Body), Sha256(Body));
        var destination = Path.Combine(_folder.Path, "cache", "imdb.npz");
        var reports = new List<DownloadProgress>();

        _downloader.Download(file, destination, new Recorder(reports));

        Assert.Equal(Body, File.ReadAllBytes(destination));
        Assert.Equal(["imdb.npz"], Directory.GetFiles(Path.GetDirectoryName(destination)!).Select(Path.GetFileName));
        Assert.Equal(0, reports[0].BytesReceived);
        Assert.True(reports.Zip(reports.Skip(1)).All(p => p.Second.BytesReceived >= p.First.BytesReceived));
        Assert.Equal(new DownloadProgress(file, Body.Length, Body.Length, Finished: true), reports[^1]);
        Assert.Single(reports, r => r.Finished);
    }

    [Fact]
    public void A_file_with_another_hash_is_refused_and_not_saved()
    {
        var expected = Sha256([1, 2, 3]);
        var file = new RemoteFile("imdb.npz", _server.Serve("imdb.npz", Body), expected);
        var destination = Path.Combine(_folder.Path, "imdb.npz");

        var error = Assert.Throws<UserErrorException>(() => _downloader.Download(file, destination));

        Assert.StartsWith(
            $"imdb.npz from {file.Address} has sha256 {Sha256(Body)}, not the published {expected}; it is "
            + "damaged or another file, so it was not saved.",
            error.Message);
        Assert.Contains($"copy it to {destination}", error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(_folder.Path));
    }

    [Fact]
    public void A_file_with_another_hash_never_reports_that_it_finished()
    {
        var file = new RemoteFile("imdb.npz", _server.Serve("imdb.npz", Body), Sha256([1, 2, 3]));
        var reports = new List<DownloadProgress>();

        Assert.Throws<UserErrorException>(() =>
            _downloader.Download(file, Path.Combine(_folder.Path, "imdb.npz"), new Recorder(reports)));

        Assert.Equal(Body.Length, reports[^1].BytesReceived);
        Assert.DoesNotContain(reports, r => r.Finished);
    }

    [Fact]
    public void A_cache_folder_that_cannot_be_created_is_named_without_doubled_full_stops()
    {
        var blocker = _folder.Write("blocker", [1]);
        var file = new RemoteFile("imdb.npz", _server.Serve("imdb.npz", Body), Sha256(Body));

        var error = Assert.Throws<UserErrorException>(() =>
            _downloader.Download(file, Path.Combine(blocker, "cache", "imdb.npz")));

        Assert.StartsWith($"Cannot create the cache folder {Path.Combine(blocker, "cache")}: ", error.Message);
        Assert.DoesNotContain("..", error.Message.Replace("...", "", StringComparison.Ordinal));
    }

    [Fact]
    public void A_failed_download_leaves_an_existing_file_as_it_was()
    {
        var file = new RemoteFile("imdb.npz", _server.Serve("imdb.npz", Body), Sha256([1, 2, 3]));
        var destination = _folder.Write("imdb.npz", [42]);

        Assert.Throws<UserErrorException>(() => _downloader.Download(file, destination));

        Assert.Equal([42], File.ReadAllBytes(destination));
        Assert.Single(Directory.GetFileSystemEntries(_folder.Path));
    }

    [Fact]
    public void A_transfer_cut_off_before_its_announced_length_is_refused_and_not_saved()
    {
        var part = Body[..50_000];
        var file = new RemoteFile("aclImdb_v1.tar.gz", _server.Serve("cut", part, announcedLength: Body.Length),
            Sha256(Body));
        var destination = Path.Combine(_folder.Path, "aclImdb_v1.tar.gz");

        var error = Assert.Throws<UserErrorException>(() => _downloader.Download(file, destination));

        Assert.StartsWith(
            $"The download of aclImdb_v1.tar.gz from {file.Address} was cut off after 50000 of 300000 bytes (",
            error.Message);
        Assert.Contains("nothing was saved", error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(_folder.Path));
    }

    [Fact]
    public void An_error_status_is_reported_with_the_address()
    {
        var file = new RemoteFile("imdb.npz", new Uri(_server.BaseAddress, "missing/imdb.npz"), Sha256(Body));

        var error = Assert.Throws<UserErrorException>(
            () => _downloader.Download(file, Path.Combine(_folder.Path, "imdb.npz")));

        Assert.StartsWith(
            $"Could not download imdb.npz from {file.Address}: the server answered 404 Not Found.", error.Message);
    }

    [Fact]
    public void Without_a_server_the_message_names_the_address_the_cache_path_and_the_manual_way()
    {
        var file = new RemoteFile("imdb.npz", LocalHttpServer.UnusedAddress("imdb.npz"), Sha256(Body));
        var destination = Path.Combine(_folder.Path, "cache", "imdb.npz");

        var error = Assert.Throws<UserErrorException>(() => _downloader.Download(file, destination));

        Assert.StartsWith($"Could not download imdb.npz from {file.Address}: ", error.Message);
        Assert.EndsWith(
            $"Without a network, fetch {file.Address} elsewhere and copy it to {destination} (sha256 "
            + $"{Sha256(Body)}), or pass --data PATH with a copy you have.",
            error.Message);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(destination)!));
    }

    [Fact]
    public void A_mirror_replaces_every_address_and_keeps_the_published_hashes()
    {
        var files = ImdbDownloads.For(DataFormat.Raw, "http://127.0.0.1:8000/imdb");

        Assert.Equal(
            ["http://127.0.0.1:8000/imdb/imdb_word_index.json", "http://127.0.0.1:8000/imdb/aclImdb_v1.tar.gz"],
            files.Select(f => f.Address.ToString()));
        Assert.Equal(ImdbDownloads.StanfordTarGz.Sha256, files[1].Sha256);
    }

    [Fact]
    public void A_mirror_that_is_not_http_is_refused()
    {
        var error = Assert.Throws<UserErrorException>(() => ImdbDownloads.For(DataFormat.Npz, "ftp://mirror/"));

        Assert.StartsWith("The download address 'ftp://mirror/' (--download-url or GPUIMDB_DOWNLOAD_URL) is not",
            error.Message);
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    // Progress<T> posts to the thread pool; this records synchronously, in order.
    private sealed class Recorder(List<DownloadProgress> reports) : IProgress<DownloadProgress>
    {
        public void Report(DownloadProgress value) => reports.Add(value);
    }
}
