using System.Text;

namespace GpuImdb.Trainer.Data;

/// <summary>
/// Finds imdb.npz. In order: the --data option; the <c>GPUIMDB_DATA</c> environment variable;
/// Keras's cache (<c>$KERAS_HOME/datasets/imdb.npz</c>, by default
/// <c>~/.keras/datasets/imdb.npz</c>); this project's cache
/// (<c>$XDG_CACHE_HOME/gpuimdb/imdb.npz</c>, by default <c>~/.cache/gpuimdb/imdb.npz</c>).
/// A path the user gave (option or variable) must exist; the caches are used when present.
/// </summary>
public sealed class DataLocator
{
    /// <summary>The environment variable that names the data file.</summary>
    public const string EnvironmentVariable = "GPUIMDB_DATA";

    /// <summary>Where Keras downloads imdb.npz from.</summary>
    public const string DownloadAddress =
        "https://storage.googleapis.com/tensorflow/tf-keras-datasets/imdb.npz";

    private readonly Func<string, string?> _getEnvironmentVariable;
    private readonly string _homeDirectory;

    /// <summary>Looks things up in this process's environment and the user's home folder.</summary>
    public DataLocator()
        : this(
            Environment.GetEnvironmentVariable,
            Environment.GetFolderPath(Environment.SpecialFolder.UserProfile))
    {
    }

    /// <summary>
    /// Looks things up with <paramref name="getEnvironmentVariable"/> and in
    /// <paramref name="homeDirectory"/>, so tests need not touch the real ones.
    /// </summary>
    public DataLocator(Func<string, string?> getEnvironmentVariable, string homeDirectory)
    {
        ArgumentNullException.ThrowIfNull(getEnvironmentVariable);
        ArgumentNullException.ThrowIfNull(homeDirectory);
        _getEnvironmentVariable = getEnvironmentVariable;
        _homeDirectory = homeDirectory;
    }

    /// <summary>
    /// Keras's cached copy: <c>$KERAS_HOME/datasets/imdb.npz</c>, by default
    /// <c>~/.keras/datasets/imdb.npz</c>.
    /// </summary>
    public string KerasCachePath
    {
        get
        {
            var kerasHome = Variable("KERAS_HOME") ?? Path.Combine(_homeDirectory, ".keras");
            return Path.Combine(kerasHome, "datasets", "imdb.npz");
        }
    }

    /// <summary>
    /// This project's cache: <c>$XDG_CACHE_HOME/gpuimdb/imdb.npz</c>, by default
    /// <c>~/.cache/gpuimdb/imdb.npz</c>.
    /// </summary>
    public string ProjectCachePath
    {
        get
        {
            // The XDG spec says to ignore a relative XDG_CACHE_HOME.
            var xdg = Variable("XDG_CACHE_HOME");
            var cache = xdg is not null && Path.IsPathRooted(xdg)
                ? xdg
                : Path.Combine(_homeDirectory, ".cache");
            return Path.Combine(cache, "gpuimdb", "imdb.npz");
        }
    }

    /// <summary>
    /// Returns the full path of the data file to use. Throws <see cref="UserErrorException"/> when
    /// <paramref name="dataOption"/> or <c>GPUIMDB_DATA</c> names a missing file, or when nothing
    /// is found; that message lists every place looked at and how to get the file.
    /// </summary>
    public string Resolve(string? dataOption)
    {
        if (!string.IsNullOrWhiteSpace(dataOption))
        {
            return Existing(dataOption, "from --data");
        }

        if (Variable(EnvironmentVariable) is { } fromEnvironment)
        {
            return Existing(fromEnvironment, $"from the environment variable {EnvironmentVariable}");
        }

        (string Path, string What)[] caches =
        [
            (KerasCachePath, "Keras's cache"),
            (ProjectCachePath, "GpuImdb's cache"),
        ];
        foreach (var (path, _) in caches)
        {
            if (File.Exists(path))
            {
                return Path.GetFullPath(path);
            }
        }

        var message = new StringBuilder("No IMDB data file (imdb.npz) found. Looked at:\n");
        message.Append("  --data: not given\n");
        message.Append($"  {EnvironmentVariable}: not set\n");
        foreach (var (path, what) in caches)
        {
            message.Append($"  {path} ({what}): not found\n");
        }

        message.Append($"Download Keras's copy from {DownloadAddress} to {ProjectCachePath}, ");
        message.Append($"or pass --data PATH (or set {EnvironmentVariable}) to use a file elsewhere.");
        throw new UserErrorException(message.ToString());
    }

    private static string Existing(string path, string origin)
    {
        if (!File.Exists(path))
        {
            var hint = Directory.Exists(path)
                ? "it is a folder; name the imdb.npz file inside it"
                : "check the path";
            throw new UserErrorException($"File not found: {path} ({origin}); {hint}.");
        }

        return Path.GetFullPath(path);
    }

    private string? Variable(string name)
    {
        var value = _getEnvironmentVariable(name);
        return string.IsNullOrWhiteSpace(value) ? null : value;
    }
}
