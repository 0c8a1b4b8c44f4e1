using System.Diagnostics;
using GpuImdb.Tests;
using GpuImdb.Trainer.Data;

namespace GpuImdb.Trainer.Tests.Data;

/// <summary>Loads ../shared/data/imdb.npz once for the tests that check it against Keras.</summary>
public sealed class RealImdbFixture
{
    public RealImdbFixture()
    {
        var watch = Stopwatch.StartNew();
        Default = KerasImdb.Load(SharedData.ImdbNpz);
        DefaultLoadSeconds = watch.Elapsed.TotalSeconds;
        FullVocabulary = KerasImdb.Load(SharedData.ImdbNpz, numWords: int.MaxValue);
    }

    /// <summary>Loaded with Keras's defaults and num_words=10000.</summary>
    public ImdbData Default { get; }

    /// <summary>Loaded keeping every id.</summary>
    public ImdbData FullVocabulary { get; }

    public double DefaultLoadSeconds { get; }
}
