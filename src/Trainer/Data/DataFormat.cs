namespace GpuImdb.Trainer.Data;

/// <summary>Which form of the data the user asks for (the <c>--format</c> option).</summary>
public enum DataFormat
{
    /// <summary>Whatever the path holds; when nothing is found, download Keras's imdb.npz.</summary>
    Auto,

    /// <summary>Keras's imdb.npz.</summary>
    Npz,

    /// <summary>Stanford's raw reviews: the aclImdb folder or aclImdb_v1.tar.gz.</summary>
    Raw,
}
