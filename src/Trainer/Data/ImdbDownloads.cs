namespace GpuImdb.Trainer.Data;

/// <summary>
/// Where each form of the IMDB data is published and the SHA-256 of the published file. A mirror
/// (<c>--download-url</c> or <c>GPUIMDB_DOWNLOAD_URL</c>) is a folder address holding the same
/// files under the same names; they are checked against the same hashes.
/// </summary>
public static class ImdbDownloads
{
    /// <summary>The environment variable naming a mirror folder.</summary>
    public const string AddressVariable = "GPUIMDB_DOWNLOAD_URL";

    /// <summary>Keras's imdb.npz.</summary>
    public static RemoteFile KerasNpz { get; } = new(
        "imdb.npz",
        new Uri("https://storage.googleapis.com/tensorflow/tf-keras-datasets/imdb.npz"),
        "69664113be75683a8fe16e3ed0ab59fda8886cb3cd7ada244f7d9544e4676b9f");

    /// <summary>
    /// Keras's imdb_word_index.json. Keras checks its md5, bfafd718b763782e994055a2d397834f; this
    /// is the SHA-256 of the same bytes.
    /// </summary>
    public static RemoteFile KerasWordIndex { get; } = new(
        ImdbLoader.WordIndexFileName,
        new Uri("https://storage.googleapis.com/tensorflow/tf-keras-datasets/imdb_word_index.json"),
        "027313fe9a320280f3bf0fac5baf58c4a683cf39a7ed9c3d3d3912bde4284cf6");

    /// <summary>Stanford's aclImdb_v1.tar.gz (84 MB, with the unlabelled reviews).</summary>
    public static RemoteFile StanfordTarGz { get; } = new(
        "aclImdb_v1.tar.gz",
        new Uri("https://ai.stanford.edu/~amaas/data/sentiment/aclImdb_v1.tar.gz"),
        "c40f74a18d3b61f90feba1e17730e0d38e8b97c05fde7008942e91923d1658fe");

    /// <summary>
    /// The files to fetch for <paramref name="format"/>, word index first (the raw reviews need it
    /// to give Keras's ids, and <c>decode</c> needs it for either), data file last. With
    /// <paramref name="mirror"/>, each comes from that folder address instead. Throws
    /// <see cref="UserErrorException"/> for a mirror that is not an http(s) address.
    /// </summary>
    public static IReadOnlyList<RemoteFile> For(DataFormat format, string? mirror = null)
    {
        var data = format == DataFormat.Raw ? StanfordTarGz : KerasNpz;
        RemoteFile[] files = [KerasWordIndex, data];
        if (string.IsNullOrWhiteSpace(mirror))
        {
            return files;
        }

        if (!Uri.TryCreate(mirror.EndsWith('/') ? mirror : mirror + "/", UriKind.Absolute, out var folder)
            || folder.Scheme is not ("http" or "https"))
        {
            throw new UserErrorException(
                $"The download address '{mirror}' (--download-url or {AddressVariable}) is not an http:// or "
                + "https:// address; give the folder that holds imdb.npz, aclImdb_v1.tar.gz and "
                + $"{ImdbLoader.WordIndexFileName}.");
        }

        return Array.ConvertAll(files, f => f with { Address = new Uri(folder, f.FileName) });
    }
}
