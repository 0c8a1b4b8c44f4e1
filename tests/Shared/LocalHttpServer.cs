using System.Net;
using System.Net.Sockets;
using System.Text;

namespace GpuImdb.Tests;

/// <summary>
/// A tiny HTTP/1.1 server on 127.0.0.1 (never another interface) for download tests. Each path
/// gets a canned answer: a status, a body and the Content-Length to announce, which may be larger
/// than the body to imitate a transfer cut off mid-file. One connection at a time, closed after
/// each answer; the server stops on dispose or after a minute, whichever comes first.
/// </summary>
internal sealed class LocalHttpServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new(TimeSpan.FromMinutes(1));
    private readonly Dictionary<string, (int Status, byte[] Body, long Announced)> _answers = [];
    private readonly Lock _lock = new();
    private readonly Task _loop;
    private int _requests;

    public LocalHttpServer()
    {
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    /// <summary>The server's root, such as <c>http://127.0.0.1:40123/</c>.</summary>
    public Uri BaseAddress => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    /// <summary>How many requests arrived.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>
    /// Answers GET <paramref name="path"/> with <paramref name="body"/>, announcing
    /// <paramref name="announcedLength"/> bytes (default: the body's length).
    /// </summary>
    public Uri Serve(string path, byte[] body, long? announcedLength = null, int status = 200)
    {
        lock (_lock)
        {
            _answers["/" + path.TrimStart('/')] = (status, body, announcedLength ?? body.Length);
        }

        return new Uri(BaseAddress, path);
    }

    /// <summary>An address on 127.0.0.1 where nothing listens (a port just released).</summary>
    public static Uri UnusedAddress(string path)
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return new Uri($"http://127.0.0.1:{port}/{path}");
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }

        _stop.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            using (client)
            {
                try
                {
                    await AnswerAsync(client.GetStream());
                }
                catch (Exception e) when (e is IOException or OperationCanceledException or SocketException)
                {
                    // The client gave up; wait for the next one.
                }
            }
        }
    }

    private async Task AnswerAsync(NetworkStream stream)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        var path = await ReadRequestPathAsync(stream, timeout.Token);
        Interlocked.Increment(ref _requests);
        (int Status, byte[] Body, long Announced) answer;
        lock (_lock)
        {
            answer = _answers.TryGetValue(path, out var found) ? found : (404, "not here"u8.ToArray(), 8);
        }

        var reason = answer.Status switch { 200 => "OK", 404 => "Not Found", _ => "Error" };
        var head = $"HTTP/1.1 {answer.Status} {reason}\r\nContent-Length: {answer.Announced}\r\n"
            + "Content-Type: application/octet-stream\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), timeout.Token);
        await stream.WriteAsync(answer.Body, timeout.Token);
        await stream.FlushAsync(timeout.Token);
    }

    private static async Task<string> ReadRequestPathAsync(NetworkStream stream, CancellationToken cancellation)
    {
        var request = new StringBuilder();
        var buffer = new byte[1024];
        while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal) && request.Length < 16_384)
        {
            var read = await stream.ReadAsync(buffer, cancellation);
            if (read == 0)
            {
                break;
            }

            request.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        // "GET /path HTTP/1.1"
        var parts = request.ToString().Split(' ', 3);
        return parts.Length >= 2 ? parts[1] : "/";
    }
}
