using System.Security.Cryptography;

namespace GpuImdb.Trainer.Data;

/// <summary>
/// Downloads a file into place only once it is complete and has the expected SHA-256: the bytes
/// go to a hidden temporary file beside the target (<c>.NAME.download-xxxxxxxx</c>), which is
/// deleted on any failure and renamed over the target on success. So a cut-off transfer, a wrong
/// file or an interrupted run never leaves a half-written or unverified file in the cache.
/// </summary>
public sealed class DataDownloader : IDisposable
{
    private const int ChunkBytes = 1 << 16;
    private readonly HttpClient _client;

    /// <summary>Downloads over the network with default timeouts.</summary>
    public DataDownloader()
        : this(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(30) })
    {
    }

    /// <summary>Downloads through <paramref name="handler"/> (tests pass their own).</summary>
    public DataDownloader(HttpMessageHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        _client = new HttpClient(handler, disposeHandler: true) { Timeout = TimeSpan.FromSeconds(60) };
        _client.DefaultRequestHeaders.UserAgent.ParseAdd("gpuimdb");
    }

    /// <summary>How long a transfer may go without receiving a byte before it is given up.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Fetches <paramref name="file"/> to <paramref name="destination"/> (creating its folder),
    /// reporting progress to <paramref name="progress"/>. Throws <see cref="UserErrorException"/>
    /// when the server cannot be reached, answers with an error, cuts the transfer short, stalls,
    /// or sends bytes with another SHA-256; the message names the address, the destination and
    /// how to place the file by hand. <paramref name="destination"/> is then left as it was.
    /// </summary>
    public void Download(
        RemoteFile file,
        string destination,
        IProgress<DownloadProgress>? progress = null,
        CancellationToken cancellation = default)
    {
        DownloadAsync(file, destination, progress, cancellation).GetAwaiter().GetResult();
    }

    /// <inheritdoc cref="Download"/>
    public async Task DownloadAsync(
        RemoteFile file,
        string destination,
        IProgress<DownloadProgress>? progress = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(destination);
        var target = Path.GetFullPath(destination);
        var folder = Path.GetDirectoryName(target)!;
        var manual = $"Without a network, fetch {file.Address} elsewhere and copy it to {target} "
            + $"(sha256 {file.Sha256.ToLowerInvariant()}), or pass --data PATH with a copy you have.";
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UserErrorException(
                $"Cannot create the cache folder {folder}: {UserMessages.Clause(ex.Message)}. {manual}", ex);
        }

        var temporary = Path.Combine(folder, $".{file.FileName}.download-{Random.Shared.Next():x8}");
        try
        {
            var (sha256, received, total) =
                await FetchAsync(file, temporary, manual, progress, cancellation).ConfigureAwait(false);
            if (!string.Equals(sha256, file.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                throw new UserErrorException(
                    $"{file.FileName} from {file.Address} has sha256 {sha256}, not the published "
                    + $"{file.Sha256.ToLowerInvariant()}; it is damaged or another file, so it was not saved. "
                    + manual);
            }

            try
            {
                File.Move(temporary, target, overwrite: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new UserErrorException(
                    $"Could not move the downloaded {file.FileName} into place as {target}: "
                    + $"{UserMessages.Clause(ex.Message)}. {manual}",
                    ex);
            }

            // Only now is the file verified and in place.
            progress?.Report(new DownloadProgress(file, received, total, Finished: true));
        }
        finally
        {
            DeleteQuietly(temporary);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _client.Dispose();
    }

    // Returns the SHA-256 of what arrived, its length and the length the server announced.
    private async Task<(string Sha256, long Received, long? Total)> FetchAsync(
        RemoteFile file,
        string temporary,
        string manual,
        IProgress<DownloadProgress>? progress,
        CancellationToken cancellation)
    {
        HttpResponseMessage response;
        try
        {
            response = await _client.GetAsync(file.Address, HttpCompletionOption.ResponseHeadersRead, cancellation)
                .ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException
            || (ex is TaskCanceledException && !cancellation.IsCancellationRequested))
        {
            var reason = ex is TaskCanceledException ? "no answer in time" : UserMessages.Clause(ex.Message);
            throw new UserErrorException(
                $"Could not download {file.FileName} from {file.Address}: {reason}. {manual}", ex);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new UserErrorException(
                    $"Could not download {file.FileName} from {file.Address}: the server answered "
                    + $"{(int)response.StatusCode} {response.ReasonPhrase}. {manual}");
            }

            var total = response.Content.Headers.ContentLength;
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long received = 0;
            var buffer = new byte[ChunkBytes];
            await using (var output = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                var input = await response.Content.ReadAsStreamAsync(cancellation).ConfigureAwait(false);
                await using (input.ConfigureAwait(false))
                {
                    progress?.Report(new DownloadProgress(file, 0, total, Finished: false));
                    int read;
                    while ((read = await ReadAsync(input, buffer, file, received, total, manual, cancellation)
                        .ConfigureAwait(false)) > 0)
                    {
                        hash.AppendData(buffer, 0, read);
                        await output.WriteAsync(buffer.AsMemory(0, read), cancellation).ConfigureAwait(false);
                        received += read;
                        progress?.Report(new DownloadProgress(file, received, total, Finished: false));
                    }
                }

                output.Flush(flushToDisk: true);
            }

            if (total is { } expected && received != expected)
            {
                throw Cut(file, received, total, "the server sent fewer bytes than it announced", manual, null);
            }

            return (Convert.ToHexStringLower(hash.GetHashAndReset()), received, total);
        }
    }

    private async Task<int> ReadAsync(
        Stream input,
        byte[] buffer,
        RemoteFile file,
        long received,
        long? total,
        string manual,
        CancellationToken cancellation)
    {
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        idle.CancelAfter(IdleTimeout);
        try
        {
            return await input.ReadAsync(buffer, idle.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellation.IsCancellationRequested)
        {
            var reason = $"no data arrived for {IdleTimeout.TotalSeconds:F0} s";
            throw Cut(file, received, total, reason, manual, ex);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            throw Cut(file, received, total, UserMessages.Clause(ex.Message), manual, ex);
        }
    }

    private static UserErrorException Cut(
        RemoteFile file, long received, long? total, string reason, string manual, Exception? inner)
    {
        var of = total is { } t ? $" of {t}" : "";
        var message = $"The download of {file.FileName} from {file.Address} was cut off after {received}{of} bytes "
            + $"({reason}); nothing was saved. Run the command again to retry. {manual}";
        return inner is null ? new UserErrorException(message) : new UserErrorException(message, inner);
    }

    // Cleanup must not hide the exception that caused it.
    private static void DeleteQuietly(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
