using GpuImdb.Trainer.Output;

namespace GpuImdb.Trainer.Tests.Output;

public sealed class AtomicFileTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Text_is_written_as_utf8_without_a_byte_order_mark()
    {
        var path = _dir.File("out.txt");

        AtomicFile.Write(path, "héllo\n");

        Assert.Equal("héllo\n"u8.ToArray(), File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(_dir.Path));
    }

    [Fact]
    public void An_existing_file_is_replaced()
    {
        var path = _dir.File("out.txt");
        File.WriteAllText(path, "old content that is longer");

        AtomicFile.Write(path, "new");

        Assert.Equal("new", File.ReadAllText(path));
    }

    [Fact]
    public void A_throwing_writer_leaves_neither_the_file_nor_a_temp_file()
    {
        var path = _dir.File("out.bin");

        var ex = Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write(new byte[1000]);
            throw new InvalidOperationException("disk on fire");
        }));

        Assert.Equal("disk on fire", ex.Message);
        Assert.Empty(Directory.GetFileSystemEntries(_dir.Path));
    }

    [Fact]
    public void A_throwing_writer_keeps_the_previous_file_intact()
    {
        var path = _dir.File("out.txt");
        File.WriteAllText(path, "previous");

        Assert.Throws<IOException>(
            () => AtomicFile.Write(path, _ => throw new IOException("disk full")));

        Assert.Equal("previous", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFileSystemEntries(_dir.Path));
    }
}
