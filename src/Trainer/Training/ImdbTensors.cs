using GpuImdb.Trainer.Data;
using GpuImdb.Trainer.Model;

namespace GpuImdb.Trainer.Training;

/// <summary>The reviews as the model consumes them: padded token rows and 0/1 labels on the host.</summary>
/// <param name="TrainTokens">[25000, T] training reviews in Keras's shuffled order.</param>
/// <param name="TrainLabels">[25000].</param>
/// <param name="TestTokens">[25000, T] test reviews.</param>
/// <param name="TestLabels">[25000].</param>
/// <param name="SourcePath">The file the reviews came from.</param>
public sealed record ImdbTensors(
    int[] TrainTokens,
    int[] TrainLabels,
    int[] TestTokens,
    int[] TestLabels,
    string SourcePath)
{
    /// <summary>Loads <paramref name="path"/> with Keras's load_data and pad_sequences semantics.</summary>
    public static ImdbTensors Load(string path, ModelConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var data = KerasImdb.Load(path, numWords: config.VocabSize);
        return new ImdbTensors(
            Padding.PadSequences(data.Train.Sequences, config.SequenceLength),
            data.Train.Labels,
            Padding.PadSequences(data.Test.Sequences, config.SequenceLength),
            data.Test.Labels,
            path);
    }

    /// <summary>
    /// Refuses any id outside [0, V) before a kernel sees it: kernels cannot report errors.
    /// </summary>
    public void CheckIds(int vocabSize)
    {
        Check(TrainTokens, "training", vocabSize);
        Check(TestTokens, "test", vocabSize);
    }

    private void Check(int[] tokens, string split, int vocabSize)
    {
        for (int i = 0; i < tokens.Length; i++)
        {
            if ((uint)tokens[i] >= (uint)vocabSize)
            {
                throw new UserErrorException(
                    $"{SourcePath}: {split} token {i} has id {tokens[i]}, outside the embedding's "
                    + $"0..{vocabSize - 1}. Raise --vocab-size or check the file.");
            }
        }
    }
}
