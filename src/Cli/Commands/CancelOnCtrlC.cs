namespace GpuImdb.Cli.Commands;

/// <summary>Turns the first Ctrl+C into a cancellation request instead of killing the process.</summary>
internal sealed class CancelOnCtrlC : IDisposable
{
    private readonly CancellationTokenSource _source = new();

    private CancelOnCtrlC()
    {
        Console.CancelKeyPress += OnCancel;
    }

    public CancellationToken Token => _source.Token;

    public static CancelOnCtrlC Create() => new();

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancel;
        _source.Dispose();
    }

    private void OnCancel(object? sender, ConsoleCancelEventArgs e)
    {
        // A second Ctrl+C ends the process at once.
        if (_source.IsCancellationRequested)
        {
            return;
        }

        e.Cancel = true;
        _source.Cancel();
    }
}
