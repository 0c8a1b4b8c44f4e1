using GpuImdb.Trainer.Data;
using GpuImdb.Trainer.Model;

namespace GpuImdb.Trainer.Training;

/// <summary>The reviews as the model consumes them: padded token rows and 0/1 labels on the host.</summary>
/// <param name="TrainTokens">[25000, T] training reviews in Keras's shuffled order.</param>
/// <param name="TrainLabels">[25000].</param>
/// <param name="TestTokens">[25000, T] test reviews.</param>
/// <param name="TestLabels">[25000].</param>
/// <param name="SourcePath">The file or folder the reviews came from.</param>
public sealed record ImdbTensors(
    int[] TrainTokens,
    int[] TrainLabels,
    int[] TestTokens,
    int[] TestLabels,
    string SourcePath)
{
    /// <summary>The form the reviews were read from.</summary>
    public ImdbFormat Format { get; init; } = ImdbFormat.Npz;

    /// <summary>For raw reviews: the word index file used, if any.</summary>
    public string? WordIndexPath { get; init; }

    /// <summary>For raw reviews read without a word index: the index built from them.</summary>
    public WordIndex? BuiltWordIndex { get; init; }

    /// <summary>
    /// Loads <paramref name="path"/> (imdb.npz, the aclImdb folder or aclImdb_v1.tar.gz, told apart
    /// by content) with Keras's load_data and pad_sequences semantics.
    /// </summary>
    public static ImdbTensors Load(string path, ModelConfig config)
    {
        return Load(path, config, DataFormat.Auto, wordIndexPath: null);
    }

    /// <summary>
    /// Loads <paramref name="path"/> as <see cref="ImdbLoader.Load"/> does, checking that it holds
    /// <paramref name="format"/>; raw reviews use the word index <paramref name="wordIndexPath"/>
    /// (null: the one beside the data, else one built from the training reviews).
    /// </summary>
    public static ImdbTensors Load(string path, ModelConfig config, DataFormat format, string? wordIndexPath)
    {
        ArgumentNullException.ThrowIfNull(config);
        var data = ImdbLoader.Load(path, config.VocabSize, format, wordIndexPath);
        return new ImdbTensors(
            Padding.PadSequences(data.Train.Sequences, config.SequenceLength),
            data.Train.Labels,
            Padding.PadSequences(data.Test.Sequences, config.SequenceLength),
            data.Test.Labels,
            path)
        {
            Format = data.Format,
            WordIndexPath = data.WordIndexPath,
            BuiltWordIndex = data.BuiltWordIndex,
        };
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
