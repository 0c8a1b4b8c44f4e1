using System.Text;

namespace GpuImdb.Trainer.Data;

/// <summary>
/// Finds the IMDB data. In order: the --data option; the <c>GPUIMDB_DATA</c> environment
/// variable; Keras's cache (<c>$KERAS_HOME/datasets/imdb.npz</c>, by default
/// <c>~/.keras/datasets/imdb.npz</c>); this project's cache (<c>$XDG_CACHE_HOME/gpuimdb</c>, by
/// default <c>~/.cache/gpuimdb</c>), holding <c>imdb.npz</c> or <c>aclImdb_v1.tar.gz</c>. A path
/// the user gave (option or variable) must exist and may be a file or the aclImdb folder; the
/// caches are used when present. When nothing is found, <see cref="Downloads"/> says what to fetch.
/// Cache paths are always absolute: the home folder is <c>$HOME</c> when that is an absolute path
/// (whether or not it exists), else the operating system's profile folder; a relative
/// <c>XDG_CACHE_HOME</c> or <c>KERAS_HOME</c> is ignored.
/// </summary>
public sealed class DataLocator
{
    /// <summary>The environment variable that names the data file.</summary>
    public const string EnvironmentVariable = "GPUIMDB_DATA";

    /// <summary>Where Keras downloads imdb.npz from.</summary>
    public const string DownloadAddress =
        "https://storage.googleapis.com/tensorflow/tf-keras-datasets/imdb.npz";

    /// <summary>The name Stanford's raw reviews have in this project's cache.</summary>
    public const string RawFileName = "aclImdb_v1.tar.gz";

    private readonly Func<string, string?> _getEnvironmentVariable;
    private readonly string? _homeDirectory;

    /// <summary>Looks things up in this process's environment and the user's home folder.</summary>
    public DataLocator()
        : this(
            Environment.GetEnvironmentVariable,
            HomeDirectory(
                Environment.GetEnvironmentVariable,
                Environment.GetFolderPath(
                    Environment.SpecialFolder.UserProfile, Environment.SpecialFolderOption.DoNotVerify)))
    {
    }

    /// <summary>
    /// Looks things up with <paramref name="getEnvironmentVariable"/> and in
    /// <paramref name="homeDirectory"/>, so tests need not touch the real ones. A null or relative
    /// <paramref name="homeDirectory"/> means the home folder is unknown: the caches under it are
    /// then skipped, or refused where nothing else says where the cache is.
    /// </summary>
    public DataLocator(Func<string, string?> getEnvironmentVariable, string? homeDirectory)
    {
        ArgumentNullException.ThrowIfNull(getEnvironmentVariable);
        _getEnvironmentVariable = getEnvironmentVariable;
        _homeDirectory = homeDirectory is not null && Path.IsPathFullyQualified(homeDirectory) ? homeDirectory : null;
    }

    /// <summary>
    /// The home folder the caches live under: <c>$HOME</c> when it is an absolute path, existing or
    /// not (as the shell and Python's <c>expanduser</c> take it), else <paramref name="profileFolder"/>
    /// (the operating system's idea of it) when that is absolute, else null.
    /// </summary>
    public static string? HomeDirectory(Func<string, string?> getEnvironmentVariable, string? profileFolder)
    {
        ArgumentNullException.ThrowIfNull(getEnvironmentVariable);
        var home = getEnvironmentVariable("HOME");
        if (!string.IsNullOrEmpty(home) && Path.IsPathFullyQualified(home))
        {
            return home;
        }

        return !string.IsNullOrEmpty(profileFolder) && Path.IsPathFullyQualified(profileFolder)
            ? profileFolder
            : null;
    }

    /// <summary>
    /// Keras's cached copy: <c>$KERAS_HOME/datasets/imdb.npz</c>, by default
    /// <c>~/.keras/datasets/imdb.npz</c>; null when KERAS_HOME is not an absolute path and the home
    /// folder is unknown.
    /// </summary>
    public string? KerasCachePath
    {
        get
        {
            var kerasHome = AbsoluteVariable("KERAS_HOME")
                ?? (_homeDirectory is null ? null : Path.Combine(_homeDirectory, ".keras"));
            return kerasHome is null ? null : Path.Combine(kerasHome, "datasets", "imdb.npz");
        }
    }

    /// <summary>
    /// This project's cache: <c>$XDG_CACHE_HOME/gpuimdb/imdb.npz</c>, by default
    /// <c>~/.cache/gpuimdb/imdb.npz</c>.
    /// </summary>
    public string ProjectCachePath => Path.Combine(ProjectCacheDirectory, "imdb.npz");

    /// <summary>
    /// This project's cache folder, where downloads go: <c>$XDG_CACHE_HOME/gpuimdb</c>, by default
    /// <c>~/.cache/gpuimdb</c>. Throws <see cref="UserErrorException"/> when XDG_CACHE_HOME is not
    /// an absolute path and the home folder is unknown, rather than use a folder relative to the
    /// current one.
    /// </summary>
    public string ProjectCacheDirectory
    {
        get
        {
            // The XDG spec says to ignore a relative XDG_CACHE_HOME.
            var cache = AbsoluteVariable("XDG_CACHE_HOME")
                ?? (_homeDirectory is null ? null : Path.Combine(_homeDirectory, ".cache"))
                ?? throw new UserErrorException(
                    $"Cannot tell where GpuImdb's cache is: HOME is {HomeShown()}, and no other home folder is "
                    + "known. Set XDG_CACHE_HOME to an absolute folder for the cache, or pass --data PATH (or set "
                    + $"{EnvironmentVariable}) with the IMDB data.");
            return Path.Combine(cache, "gpuimdb");
        }
    }

    /// <summary>
    /// Returns the full path of the data to use. Throws <see cref="UserErrorException"/> when
    /// <paramref name="dataOption"/> is empty (null means not given), when it or <c>GPUIMDB_DATA</c>
    /// names a missing file, or when nothing is found; that message lists every place looked at and
    /// how to get the file. An empty <c>GPUIMDB_DATA</c> counts as unset.
    /// </summary>
    public string Resolve(string? dataOption, DataFormat format = DataFormat.Auto)
    {
        return Find(dataOption, format) ?? throw new UserErrorException(NotFoundMessage(format));
    }

    /// <summary>
    /// Like <see cref="Resolve"/>, but returns null when neither the option nor the variable is
    /// set and no cache holds data of <paramref name="format"/> (the caller may then download it).
    /// </summary>
    public string? Find(string? dataOption, DataFormat format = DataFormat.Auto)
    {
        if (dataOption is not null)
        {
            if (string.IsNullOrWhiteSpace(dataOption))
            {
                throw new UserErrorException(
                    "--data is empty; give a path to Keras's imdb.npz, Stanford's aclImdb_v1.tar.gz or its "
                    + $"aclImdb folder, or leave --data out to use {EnvironmentVariable} or the caches.");
            }

            return Existing(dataOption, "from --data");
        }

        if (Variable(EnvironmentVariable) is { } fromEnvironment)
        {
            return Existing(fromEnvironment, $"from the environment variable {EnvironmentVariable}");
        }

        foreach (var (path, _) in Caches(format))
        {
            if (File.Exists(path))
            {
                return Path.GetFullPath(path);
            }
        }

        return null;
    }

    /// <summary>
    /// What to download into <see cref="ProjectCacheDirectory"/> when nothing is found, word index
    /// first and the data file last, with each file's destination. <paramref name="mirror"/> (the
    /// --download-url option) or else <c>GPUIMDB_DOWNLOAD_URL</c> replaces the published addresses.
    /// </summary>
    public IReadOnlyList<(RemoteFile File, string Destination)> Downloads(DataFormat format, string? mirror = null)
    {
        var address = string.IsNullOrWhiteSpace(mirror) ? Variable(ImdbDownloads.AddressVariable) : mirror;
        return ImdbDownloads.For(format, address)
            .Select(f => (f, Path.Combine(ProjectCacheDirectory, f.FileName)))
            .ToArray();
    }

    /// <summary>The message for when no data is found and none is downloaded.</summary>
    public string NotFoundMessage(DataFormat format = DataFormat.Auto)
    {
        var what = format == DataFormat.Raw ? $"IMDB reviews ({RawFileName})" : "IMDB data file (imdb.npz)";
        var message = new StringBuilder($"No {what} found. Looked at:\n");
        message.Append("  --data: not given\n");
        message.Append($"  {EnvironmentVariable}: not set\n");
        foreach (var (path, where) in Caches(format))
        {
            message.Append($"  {path} ({where}): not found\n");
        }

        var (file, destination) = Downloads(format)[^1];
        message.Append($"Download {(format == DataFormat.Raw ? "Stanford" : "Keras")}'s copy from {file.Address} ");
        message.Append($"to {destination}, ");
        message.Append($"or pass --data PATH (or set {EnvironmentVariable}) to use a file elsewhere.");
        return message.ToString();
    }

    private (string Path, string What)[] Caches(DataFormat format)
    {
        (string, string)[] keras = KerasCachePath is { } kerasCache ? [(kerasCache, "Keras's cache")] : [];
        (string, string)[] npz = [.. keras, (ProjectCachePath, "GpuImdb's cache")];
        (string, string)[] raw = [(Path.Combine(ProjectCacheDirectory, RawFileName), "GpuImdb's cache")];
        return format switch
        {
            DataFormat.Npz => npz,
            DataFormat.Raw => raw,
            _ => [.. npz, .. raw],
        };
    }

    private static string Existing(string path, string origin)
    {
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            throw new UserErrorException(
                $"File not found: {path} ({origin}); check the path. It may name Keras's imdb.npz, "
                + "Stanford's aclImdb_v1.tar.gz or its extracted aclImdb folder.");
        }

        return Path.GetFullPath(path);
    }

    private string HomeShown() => _getEnvironmentVariable("HOME") is { Length: > 0 } home
        ? $"\"{home}\", not an absolute path"
        : "not set";

    private string? AbsoluteVariable(string name)
    {
        var value = Variable(name);
        return value is not null && Path.IsPathFullyQualified(value) ? value : null;
    }

    private string? Variable(string name)
    {
        var value = _getEnvironmentVariable(name);
        return string.IsNullOrWhiteSpace(value) ? null : value;
    }
}
