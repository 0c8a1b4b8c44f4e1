namespace GpuImdb.Trainer.Data;

/// <summary>How far a download has come, reported as the bytes arrive.</summary>
/// <param name="File">The file being downloaded.</param>
/// <param name="BytesReceived">Bytes received so far.</param>
/// <param name="TotalBytes">The size the server announced; null when it did not.</param>
/// <param name="Finished">True once, when the file is complete, verified and in place.</param>
public readonly record struct DownloadProgress(
    RemoteFile File, long BytesReceived, long? TotalBytes, bool Finished);
