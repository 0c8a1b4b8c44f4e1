using Xunit.Sdk;

namespace GpuImdb.Tests;

/// <summary>
/// The real IMDB files in ../shared/data beside the repository. Tests that need them fail, never
/// skip, when they are missing: a skipped test would hide that the real data was never checked.
/// </summary>
internal static class SharedData
{
    public static string ImdbNpz => Find("imdb.npz");

    public static string WordIndexJson => Find("imdb_word_index.json");

    public static string AclImdbTarGz => Find("aclImdb_v1.tar.gz");

    /// <summary>The folder holding GpuImdb.sln.</summary>
    public static string RepositoryRoot
    {
        get
        {
            var folder = new DirectoryInfo(AppContext.BaseDirectory);
            while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "GpuImdb.sln")))
            {
                folder = folder.Parent;
            }

            return folder?.FullName ?? throw new XunitException(
                $"Could not find the repository root (a folder holding GpuImdb.sln) above {AppContext.BaseDirectory}.");
        }
    }

    private static string Find(string fileName)
    {
        var path = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "data", fileName));
        if (!File.Exists(path))
        {
            throw new XunitException(
                $"Test data not found: {path}. These tests need the real IMDB files in ../shared/data next to "
                + "the repository (see shared/data/SOURCE.md); put them there and run the tests again.");
        }

        return path;
    }
}
