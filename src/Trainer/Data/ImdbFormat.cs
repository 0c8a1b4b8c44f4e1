namespace GpuImdb.Trainer.Data;

/// <summary>The forms of the IMDB data that can be read, as recognised from their content.</summary>
public enum ImdbFormat
{
    /// <summary>Keras's <c>imdb.npz</c>: a zip of .npy arrays of word ranks.</summary>
    Npz,

    /// <summary>Stanford's extracted <c>aclImdb</c> folder of review text files.</summary>
    AclImdbDirectory,

    /// <summary>Stanford's <c>aclImdb_v1.tar.gz</c>, read straight from the archive.</summary>
    AclImdbTarGz,
}
