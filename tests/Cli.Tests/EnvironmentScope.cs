namespace GpuImdb.Cli.Tests;

/// <summary>
/// Sets environment variables for one test and restores them on dispose. The CLI tests run one
/// at a time (AssemblyInfo.cs), so no other test sees the change.
/// </summary>
internal sealed class EnvironmentScope : IDisposable
{
    private readonly Dictionary<string, string?> _saved = [];

    public EnvironmentScope Set(string name, string? value)
    {
        if (!_saved.ContainsKey(name))
        {
            _saved[name] = Environment.GetEnvironmentVariable(name);
        }

        Environment.SetEnvironmentVariable(name, value);
        return this;
    }

    public void Dispose()
    {
        foreach (var (name, value) in _saved)
        {
            Environment.SetEnvironmentVariable(name, value);
        }
    }
}
