using System.Text;

namespace GpuImdb.Trainer.Output;

/// <summary>
/// Writes files so that a reader sees either the previous file or the complete new one, never a
/// partial file: the content goes to a hidden temporary file in the same directory
/// (<c>.name.tmp-xxxxxxxx</c>), is flushed to disk, and then replaces the target in one rename.
/// </summary>
public static class AtomicFile
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes <paramref name="contents"/> as UTF-8 without a byte order mark.</summary>
    /// <param name="path">The file to create or replace. Its directory must exist.</param>
    /// <param name="contents">The complete text of the file.</param>
    public static void Write(string path, string contents)
    {
        ArgumentNullException.ThrowIfNull(contents);

        Write(path, stream => stream.Write(Utf8NoBom.GetBytes(contents)));
    }

    /// <summary>
    /// Lets <paramref name="write"/> fill a temporary file, then moves it over
    /// <paramref name="path"/>. If anything throws, the temporary file is deleted, the target is
    /// left as it was, and the exception propagates.
    /// </summary>
    /// <param name="path">The file to create or replace. Its directory must exist.</param>
    /// <param name="write">Writes the complete content. It must not dispose the stream.</param>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);

        var fullPath = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(fullPath)
            ?? throw new ArgumentException(
                $"'{path}' names a root directory, not a file.", nameof(path));
        var tempPath = Path.Combine(
            directory, $".{Path.GetFileName(fullPath)}.tmp-{Random.Shared.Next():x8}");

        try
        {
            using (var stream = new FileStream(tempPath, FileMode.CreateNew, FileAccess.Write))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(tempPath, fullPath, overwrite: true);
        }
        catch
        {
            DeleteQuietly(tempPath);
            throw;
        }
    }

    // Cleanup must not hide the exception that caused it.
    private static void DeleteQuietly(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
