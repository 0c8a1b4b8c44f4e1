namespace GpuImdb.Cli.Tests;

/// <summary>A fresh folder under the system temp folder, deleted on dispose.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir()
    {
        Path = Directory.CreateTempSubdirectory("gpuimdb-cli-").FullName;
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Copies every file of <paramref name="folder"/> into this one.</summary>
    public TempDir CopyFrom(string folder)
    {
        foreach (var file in Directory.GetFiles(folder))
        {
            System.IO.File.Copy(file, File(System.IO.Path.GetFileName(file)));
        }

        return this;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
