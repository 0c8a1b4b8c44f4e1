using System.CommandLine;
using GpuImdb.Cli.Rendering;
using GpuImdb.Trainer.Data;

namespace GpuImdb.Cli.Commands;

/// <summary>
/// The options that say where the reviews come from, shared by train, decode and data info:
/// --data, --format, --word-index and --download-url. Finds the data, or downloads it into the
/// cache with a progress bar on stderr when none is found.
/// </summary>
internal sealed class DataOptions
{
    private DataOptions(Option<string?> data, Option<string> format, Option<string?> wordIndex,
        Option<string?> downloadUrl)
    {
        Data = data;
        Format = format;
        WordIndex = wordIndex;
        DownloadUrl = downloadUrl;
    }

    public Option<string?> Data { get; }

    public Option<string> Format { get; }

    public Option<string?> WordIndex { get; }

    public Option<string?> DownloadUrl { get; }

    public IEnumerable<Option> All => [Data, Format, WordIndex, DownloadUrl];

    public static DataOptions Create()
    {
        var data = new Option<string?>("--data")
        {
            Description = "Keras's imdb.npz, Stanford's aclImdb_v1.tar.gz or its aclImdb folder (default: "
                + "$GPUIMDB_DATA, ~/.keras/datasets/imdb.npz, ~/.cache/gpuimdb; downloaded when none is found)",
        };
        var format = new Option<string>("--format")
        {
            Description = "What --data must hold, and what to download when nothing is found: auto (any; "
                + "downloads imdb.npz), npz, or raw (Stanford's reviews)",
            DefaultValueFactory = _ => "auto",
        };
        format.AcceptOnlyFromAmong("auto", "npz", "raw");
        var wordIndex = new Option<string?>("--word-index")
        {
            Description = $"Keras's {ImdbLoader.WordIndexFileName} (default: beside the data; raw reviews "
                + "without one get an index built from the training reviews)",
        };
        var downloadUrl = new Option<string?>("--download-url")
        {
            Description = $"Folder address of a mirror to download from (default: ${ImdbDownloads.AddressVariable}, "
                + "else Keras's and Stanford's addresses)",
        };
        return new DataOptions(data, format, wordIndex, downloadUrl);
    }

    public DataFormat GetFormat(ParseResult parseResult) => parseResult.GetValue(Format) switch
    {
        "npz" => DataFormat.Npz,
        "raw" => DataFormat.Raw,
        _ => DataFormat.Auto,
    };

    /// <summary>
    /// The data's full path: the one given or cached, else freshly downloaded (with the word index)
    /// into GpuImdb's cache, progress shown on the invocation's error writer.
    /// </summary>
    public string Resolve(ParseResult parseResult, CancellationToken cancellation)
    {
        var locator = new DataLocator();
        var format = GetFormat(parseResult);
        if (locator.Find(parseResult.GetValue(Data), format) is { } found)
        {
            return found;
        }

        var error = parseResult.InvocationConfiguration.Error;
        var downloads = locator.Downloads(format, parseResult.GetValue(DownloadUrl));
        error.WriteLine($"No IMDB data found; downloading it to {locator.ProjectCacheDirectory}");
        var progress = new DownloadProgressRenderer(error);
        using var downloader = new DataDownloader();
        try
        {
            foreach (var (file, destination) in downloads)
            {
                if (!File.Exists(destination))
                {
                    downloader.Download(file, destination, progress, cancellation);
                }
            }
        }
        finally
        {
            progress.EndLine();
        }

        return downloads[^1].Destination;
    }
}
