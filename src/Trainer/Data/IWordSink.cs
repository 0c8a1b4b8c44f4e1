namespace GpuImdb.Trainer.Data;

/// <summary>Receives the words of a text from <see cref="KerasTextTokenizer"/>, one span at a time.</summary>
internal interface IWordSink
{
    /// <summary>One word; the span is valid only during the call.</summary>
    void Add(ReadOnlySpan<char> word);
}
