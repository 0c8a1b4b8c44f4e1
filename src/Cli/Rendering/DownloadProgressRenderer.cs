using System.Globalization;
using GpuImdb.Trainer.Data;

namespace GpuImdb.Cli.Rendering;

/// <summary>
/// Shows downloads on stderr: on a terminal a bar redrawn in place, otherwise (logs, pipes) one
/// line when a file starts and one when it is in place.
/// </summary>
internal sealed class DownloadProgressRenderer : IProgress<DownloadProgress>
{
    private const int BarWidth = 30;
    private readonly TextWriter _writer;
    private readonly bool _interactive;
    private int _lastPercent = -1;
    private bool _lineOpen;

    public DownloadProgressRenderer(TextWriter writer)
    {
        _writer = writer;

        // Redraw in place only on a terminal: control characters make logs unreadable.
        _interactive = ReferenceEquals(writer, Console.Error) && !Console.IsErrorRedirected;
    }

    public void Report(DownloadProgress value)
    {
        if (value.Finished)
        {
            if (_interactive)
            {
                _writer.WriteLine($"\r{Line(value)}");
                _lineOpen = false;
            }

            _writer.WriteLine($"Saved {value.File.FileName} ({Megabytes(value.BytesReceived)}, sha256 verified)");
            _lastPercent = -1;
            return;
        }

        if (value.BytesReceived == 0)
        {
            _writer.WriteLine($"Downloading {value.File.FileName} from {value.File.Address}");
            _lastPercent = -1;
        }

        if (!_interactive)
        {
            return;
        }

        // Redraw at most once per percent (or per megabyte when the size is unknown).
        int percent = value.TotalBytes is long total and > 0
            ? (int)(value.BytesReceived * 100 / total)
            : (int)(value.BytesReceived >> 20);
        if (percent != _lastPercent)
        {
            _lastPercent = percent;
            _writer.Write($"\r{Line(value)}");
            _writer.Flush();
            _lineOpen = true;
        }
    }

    /// <summary>Ends a bar left open by a failed download, so the error starts on a line of its own.</summary>
    public void EndLine()
    {
        if (_lineOpen)
        {
            _writer.WriteLine();
            _lineOpen = false;
        }
    }

    private static string Line(DownloadProgress value)
    {
        if (value.TotalBytes is not > 0)
        {
            return $"{Megabytes(value.BytesReceived)}";
        }

        long total = value.TotalBytes.Value;
        int filled = (int)(Math.Min(value.BytesReceived, total) * BarWidth / total);
        string bar = filled == BarWidth
            ? new string('=', BarWidth)
            : new string('=', filled) + ">" + new string('.', BarWidth - filled - 1);
        return $"[{bar}] {Megabytes(value.BytesReceived)} of {Megabytes(total)}";
    }

    private static string Megabytes(long bytes) =>
        (bytes / 1e6).ToString("F1", CultureInfo.InvariantCulture) + " MB";
}
