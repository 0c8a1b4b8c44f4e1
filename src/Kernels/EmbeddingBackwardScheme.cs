namespace GpuImdb.Kernels;

/// <summary>How <see cref="EmbeddingBag"/> sums the gradient of each embedding row.</summary>
public enum EmbeddingBackwardScheme
{
    /// <summary>Owner scan on ILGPU's CPU accelerator, counting sort on a GPU.</summary>
    Auto,

    /// <summary>
    /// Each of a few threads owns a range of rows and walks every token: one launch, cheap while
    /// threads are few (the CPU accelerator), wasteful with thousands of GPU threads.
    /// </summary>
    OwnerScan,

    /// <summary>
    /// Token positions are grouped by id with a stable counting sort, then one thread per (row,
    /// column) sums its own tokens: five launches, each parallel, for a GPU.
    /// </summary>
    CountingSort,
}
