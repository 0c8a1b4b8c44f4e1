using System.Diagnostics;
using GpuImdb.Tests;
using GpuImdb.Trainer.Data;
using GpuImdb.Trainer.Model;
using GpuImdb.Trainer.Training;

namespace GpuImdb.Trainer.Tests.Data;

/// <summary>
/// Reads ../shared/data's aclImdb_v1.tar.gz (with the word index beside it) and imdb.npz once, as
/// raw word ranks in file order and as the model's padded tensors.
/// </summary>
public sealed class RawImdbFixture
{
    public RawImdbFixture()
    {
        var watch = Stopwatch.StartNew();
        var words = WordIndex.Load(SharedData.WordIndexJson);
        TarRanks = AclImdb.ReadRanks(SharedData.AclImdbTarGz, ImdbFormat.AclImdbTarGz, words);
        TarSeconds = watch.Elapsed.TotalSeconds;
        using (var npz = NpzReader.Open(SharedData.ImdbNpz))
        {
            NpzTrainRanks = npz.Read("x_train").ToIntLists();
            NpzTestRanks = npz.Read("x_test").ToIntLists();
            NpzTrainLabels = npz.Read("y_train").ToInt32Array();
            NpzTestLabels = npz.Read("y_test").ToInt32Array();
        }

        TarTensors = ImdbTensors.Load(SharedData.AclImdbTarGz, new ModelConfig());
        NpzTensors = ImdbTensors.Load(SharedData.ImdbNpz, new ModelConfig());
    }

    public RankedImdb TarRanks { get; }

    public double TarSeconds { get; }

    public int[][] NpzTrainRanks { get; }

    public int[][] NpzTestRanks { get; }

    public int[] NpzTrainLabels { get; }

    public int[] NpzTestLabels { get; }

    public ImdbTensors TarTensors { get; }

    public ImdbTensors NpzTensors { get; }
}
