namespace GpuImdb.Trainer.Data;

/// <summary>Which end of a sequence padding is added to or truncation removes from.</summary>
public enum SequenceSide
{
    /// <summary>The start, Keras's <c>'pre'</c>.</summary>
    Pre,

    /// <summary>The end, Keras's <c>'post'</c>.</summary>
    Post,
}
