using GpuImdb.Trainer.Data;

namespace GpuImdb.Trainer.Tests.Data;

public sealed class DataLocatorTests : IDisposable
{
    private readonly TempFolder _home = new();
    private readonly Dictionary<string, string> _environment = [];

    public void Dispose()
    {
        _home.Dispose();
    }

    [Fact]
    public void The_data_option_comes_first()
    {
        var option = _home.Write("mine.npz", [1]);
        _environment["GPUIMDB_DATA"] = _home.Write("env.npz", [1]);
        _home.Write(".keras/datasets/imdb.npz", [1]);

        var path = Locator().Resolve(option);

        Assert.Equal(option, path);
    }

    [Fact]
    public void A_missing_data_option_file_is_an_error_even_when_others_exist()
    {
        var option = Path.Combine(_home.Path, "typo.npz");
        _home.Write(".keras/datasets/imdb.npz", [1]);

        var error = Assert.Throws<UserErrorException>(() => Locator().Resolve(option));

        Assert.StartsWith($"File not found: {option} (from --data); check the path.", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void An_empty_data_option_is_an_error_not_a_missing_one(string option)
    {
        _home.Write(".keras/datasets/imdb.npz", [1]);

        var error = Assert.Throws<UserErrorException>(() => Locator().Find(option));

        Assert.Equal(
            "--data is empty; give a path to Keras's imdb.npz, Stanford's aclImdb_v1.tar.gz or its aclImdb "
            + "folder, or leave --data out to use GPUIMDB_DATA or the caches.",
            error.Message);
    }

    [Fact]
    public void An_empty_environment_variable_counts_as_unset()
    {
        _environment["GPUIMDB_DATA"] = "";
        var keras = _home.Write(".keras/datasets/imdb.npz", [1]);

        Assert.Equal(keras, Locator().Find(null));
    }

    [Fact]
    public void The_data_option_may_name_the_aclimdb_folder()
    {
        var folder = Path.Combine(_home.Path, "aclImdb");
        Directory.CreateDirectory(folder);

        var path = Locator().Resolve(folder);

        Assert.Equal(folder, path);
    }

    [Fact]
    public void The_environment_variable_comes_before_the_caches()
    {
        var fromEnvironment = _home.Write("env.npz", [1]);
        _environment["GPUIMDB_DATA"] = fromEnvironment;
        _home.Write(".keras/datasets/imdb.npz", [1]);

        var path = Locator().Resolve(null);

        Assert.Equal(fromEnvironment, path);
    }

    [Fact]
    public void A_missing_environment_variable_file_is_an_error()
    {
        var missing = Path.Combine(_home.Path, "gone.npz");
        _environment["GPUIMDB_DATA"] = missing;

        var error = Assert.Throws<UserErrorException>(() => Locator().Resolve(null));

        Assert.StartsWith(
            $"File not found: {missing} (from the environment variable GPUIMDB_DATA)", error.Message);
    }

    [Fact]
    public void Keras_cache_comes_before_the_project_cache()
    {
        var keras = _home.Write(".keras/datasets/imdb.npz", [1]);
        _home.Write(".cache/gpuimdb/imdb.npz", [1]);

        var path = Locator().Resolve(null);

        Assert.Equal(keras, path);
    }

    [Fact]
    public void Keras_cache_follows_keras_home()
    {
        _environment["KERAS_HOME"] = Path.Combine(_home.Path, "kh");
        var keras = _home.Write("kh/datasets/imdb.npz", [1]);
        _home.Write(".keras/datasets/imdb.npz", [1]);

        var path = Locator().Resolve(null);

        Assert.Equal(keras, path);
    }

    [Fact]
    public void The_project_cache_defaults_to_dot_cache_in_home()
    {
        var cached = _home.Write(".cache/gpuimdb/imdb.npz", [1]);

        var path = Locator().Resolve(null);

        Assert.Equal(cached, path);
    }

    [Fact]
    public void The_project_cache_follows_xdg_cache_home()
    {
        _environment["XDG_CACHE_HOME"] = Path.Combine(_home.Path, "xdg");
        var cached = _home.Write("xdg/gpuimdb/imdb.npz", [1]);
        _home.Write(".cache/gpuimdb/imdb.npz", [1]);

        var path = Locator().Resolve(null);

        Assert.Equal(cached, path);
    }

    [Fact]
    public void Nothing_found_lists_every_place_and_how_to_get_the_file()
    {
        var locator = Locator();

        var error = Assert.Throws<UserErrorException>(() => locator.Resolve(null));

        var keras = Path.Combine(_home.Path, ".keras", "datasets", "imdb.npz");
        var project = Path.Combine(_home.Path, ".cache", "gpuimdb", "imdb.npz");
        var raw = Path.Combine(_home.Path, ".cache", "gpuimdb", "aclImdb_v1.tar.gz");
        Assert.Equal(
            "No IMDB data file (imdb.npz) found. Looked at:\n"
            + "  --data: not given\n"
            + "  GPUIMDB_DATA: not set\n"
            + $"  {keras} (Keras's cache): not found\n"
            + $"  {project} (GpuImdb's cache): not found\n"
            + $"  {raw} (GpuImdb's cache): not found\n"
            + "Download Keras's copy from "
            + "https://storage.googleapis.com/tensorflow/tf-keras-datasets/imdb.npz "
            + $"to {project}, or pass --data PATH (or set GPUIMDB_DATA) to use a file elsewhere.",
            error.Message);
    }

    [Fact]
    public void Nothing_found_is_null_for_find()
    {
        var path = Locator().Find(null);

        Assert.Null(path);
    }

    [Fact]
    public void The_raw_reviews_in_the_project_cache_are_found_after_any_npz()
    {
        var raw = _home.Write(".cache/gpuimdb/aclImdb_v1.tar.gz", [1]);

        Assert.Equal(raw, Locator().Find(null));
        Assert.Equal(raw, Locator().Find(null, DataFormat.Raw));
        Assert.Null(Locator().Find(null, DataFormat.Npz));

        var npz = _home.Write(".keras/datasets/imdb.npz", [1]);

        Assert.Equal(npz, Locator().Find(null));
        Assert.Equal(raw, Locator().Find(null, DataFormat.Raw));
    }

    [Fact]
    public void Downloads_go_to_the_project_cache_word_index_first()
    {
        var downloads = Locator().Downloads(DataFormat.Auto);

        var cache = Path.Combine(_home.Path, ".cache", "gpuimdb");
        Assert.Equal(
            [Path.Combine(cache, "imdb_word_index.json"), Path.Combine(cache, "imdb.npz")],
            downloads.Select(d => d.Destination));
        Assert.Equal(ImdbDownloads.KerasNpz, downloads[1].File);
    }

    [Fact]
    public void The_download_option_comes_before_the_environment_variable()
    {
        _environment["GPUIMDB_DOWNLOAD_URL"] = "http://127.0.0.1:1/env/";

        var fromEnvironment = Locator().Downloads(DataFormat.Raw);
        var fromOption = Locator().Downloads(DataFormat.Raw, "http://127.0.0.1:2/option");

        Assert.Equal("http://127.0.0.1:1/env/aclImdb_v1.tar.gz", fromEnvironment[1].File.Address.ToString());
        Assert.Equal("http://127.0.0.1:2/option/aclImdb_v1.tar.gz", fromOption[1].File.Address.ToString());
    }

    [Fact]
    public void A_home_folder_that_does_not_exist_still_gives_absolute_cache_paths()
    {
        var missingHome = Path.Combine(_home.Path, "no-such-home");
        _environment["HOME"] = missingHome;

        var home = DataLocator.HomeDirectory(name => _environment.GetValueOrDefault(name), "");
        var locator = new DataLocator(name => _environment.GetValueOrDefault(name), home);

        Assert.Equal(missingHome, home);
        Assert.Equal(Path.Combine(missingHome, ".cache", "gpuimdb"), locator.ProjectCacheDirectory);
        Assert.Equal(Path.Combine(missingHome, ".keras", "datasets", "imdb.npz"), locator.KerasCachePath);
        Assert.Equal(Path.Combine(missingHome, ".cache", "gpuimdb"), Path.GetDirectoryName(locator.Downloads(
            DataFormat.Auto)[^1].Destination));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("relative/home")]
    public void Without_an_absolute_home_variable_the_system_profile_folder_is_the_home(string? variable)
    {
        _environment["HOME"] = variable!;
        var profile = Path.Combine(_home.Path, "profile");

        var home = DataLocator.HomeDirectory(name => _environment.GetValueOrDefault(name), profile);

        Assert.Equal(profile, home);
    }

    [Fact]
    public void Without_any_absolute_home_the_cache_is_refused_rather_than_made_relative()
    {
        _environment["HOME"] = "relative/home";
        var home = DataLocator.HomeDirectory(name => _environment.GetValueOrDefault(name), "");
        var locator = new DataLocator(name => _environment.GetValueOrDefault(name), home);

        var error = Assert.Throws<UserErrorException>(() => locator.Find(null));

        Assert.Null(home);
        Assert.Null(locator.KerasCachePath);
        Assert.Equal(
            "Cannot tell where GpuImdb's cache is: HOME is \"relative/home\", not an absolute path, and no other "
            + "home folder is known. Set XDG_CACHE_HOME to an absolute folder for the cache, or pass --data PATH (or "
            + "set GPUIMDB_DATA) with the IMDB data.",
            error.Message);
    }

    [Fact]
    public void Without_a_home_an_absolute_xdg_cache_home_is_searched_and_keras_cache_is_skipped()
    {
        _environment["XDG_CACHE_HOME"] = Path.Combine(_home.Path, "xdg");
        var cached = _home.Write("xdg/gpuimdb/imdb.npz", [1]);
        var locator = new DataLocator(name => _environment.GetValueOrDefault(name), homeDirectory: null);

        Assert.Equal(cached, locator.Find(null));
        Assert.Null(locator.KerasCachePath);
        Assert.DoesNotContain("Keras's cache", locator.NotFoundMessage(DataFormat.Raw));
    }

    [Fact]
    public void Relative_xdg_cache_home_and_keras_home_are_ignored()
    {
        _environment["XDG_CACHE_HOME"] = "xdg";
        _environment["KERAS_HOME"] = "kh";

        var locator = Locator();

        Assert.Equal(Path.Combine(_home.Path, ".cache", "gpuimdb"), locator.ProjectCacheDirectory);
        Assert.Equal(Path.Combine(_home.Path, ".keras", "datasets", "imdb.npz"), locator.KerasCachePath);
    }

    private DataLocator Locator()
    {
        return new DataLocator(name => _environment.GetValueOrDefault(name), _home.Path);
    }
}
