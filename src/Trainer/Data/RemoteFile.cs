namespace GpuImdb.Trainer.Data;

/// <summary>A file to download and the SHA-256 it must have.</summary>
/// <param name="FileName">Its name in the cache, such as <c>imdb.npz</c>.</param>
/// <param name="Address">Where to fetch it.</param>
/// <param name="Sha256">Its SHA-256, 64 hex digits (either case).</param>
public sealed record RemoteFile(string FileName, Uri Address, string Sha256);
