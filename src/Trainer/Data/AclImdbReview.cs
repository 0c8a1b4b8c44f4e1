namespace GpuImdb.Trainer.Data;

/// <summary>One labelled review file of Stanford's aclImdb layout and its raw bytes.</summary>
/// <param name="IsTrain">True for <c>train/</c>, false for <c>test/</c>.</param>
/// <param name="IsPositive">True for <c>pos/</c>, false for <c>neg/</c>.</param>
/// <param name="FileName">The file's name, such as <c>10000_8.txt</c>.</param>
/// <param name="Source">What messages call it: the file's path, or "ARCHIVE: entry 'NAME'".</param>
/// <param name="Content">The file's bytes (UTF-8 text).</param>
internal sealed record AclImdbReview(
    bool IsTrain, bool IsPositive, string FileName, string Source, byte[] Content)
{
    /// <summary>The review's folder, such as <c>train/pos</c>.</summary>
    public string Folder => AclImdbReader.FolderName(IsTrain, IsPositive);
}
