namespace GpuImdb.Trainer.Data;

/// <summary>
/// Loads imdb.npz the way <c>keras.datasets.imdb.load_data</c> does: the same shuffle, start
/// mark, id offset and out-of-vocabulary replacement, so that sample 0 is Keras's sample 0.
/// </summary>
public static class KerasImdb
{
    private const string Hint = "Re-download the file or pass --data PATH.";

    /// <summary>
    /// Reads x_train, y_train, x_test and y_test from <paramref name="npzPath"/>. Then, as Keras:
    /// a <c>RandomState(seed)</c> shuffles the training reviews and labels, and the same
    /// generator, continued, shuffles the test ones; each review gets <paramref name="startChar"/>
    /// in front and <paramref name="indexFrom"/> added to each word rank; and every id that is not
    /// below <paramref name="numWords"/> (start mark included) becomes <paramref name="oovChar"/>.
    /// Pass <see cref="int.MaxValue"/> as <paramref name="numWords"/> to keep every id.
    /// Throws <see cref="UserErrorException"/> for a missing, damaged or inconsistent file.
    /// </summary>
    public static ImdbData Load(
        string npzPath,
        int numWords = 10000,
        int seed = 113,
        int startChar = 1,
        int oovChar = 2,
        int indexFrom = 3)
    {
        ArgumentNullException.ThrowIfNull(npzPath);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(numWords);
        ArgumentOutOfRangeException.ThrowIfNegative(seed);

        using var npz = NpzReader.Open(npzPath);
        var (xTrain, yTrain) = ReadPair(npz, "x_train.npy", "y_train.npy");
        var (xTest, yTest) = ReadPair(npz, "x_test.npy", "y_test.npy");

        var random = new NumpyRandomState((uint)seed);
        var trainOrder = Shuffled(random, xTrain.Length);
        var testOrder = Shuffled(random, xTest.Length);

        var ids = new IdMapping(numWords, startChar, oovChar, indexFrom);
        var train = new ImdbSplit(ids.Apply(xTrain, trainOrder), Permute(yTrain, trainOrder));
        var test = new ImdbSplit(ids.Apply(xTest, testOrder), Permute(yTest, testOrder));
        return new ImdbData(train, test, npzPath);
    }

    private static (int[][] Sequences, int[] Labels) ReadPair(
        NpzReader npz, string xName, string yName)
    {
        var sequences = npz.Read(xName).ToIntLists();
        var labelArray = npz.Read(yName);
        var source = labelArray.Source;
        if (labelArray.Shape.Count != 1)
        {
            var shape = NpyReader.FormatShape(labelArray.Shape);
            throw new UserErrorException(
                $"{source} has shape {shape}; expected one label per review, a 1-D array. {Hint}");
        }

        var labels = labelArray.ToInt64Array();
        for (var i = 0; i < labels.Length; i++)
        {
            if (labels[i] is not (0 or 1))
            {
                throw new UserErrorException(
                    $"{source} has label {labels[i]} at index {i}; labels must be 0 (negative) "
                    + $"or 1 (positive). {Hint}");
            }
        }

        if (labels.Length != sequences.Length)
        {
            throw new UserErrorException(
                $"{npz.Path}: {xName} has {sequences.Length} reviews but {yName} has "
                + $"{labels.Length} labels; they must match. {Hint}");
        }

        return (sequences, Array.ConvertAll(labels, l => (int)l));
    }

    private static int[] Shuffled(NumpyRandomState random, int count)
    {
        var order = new int[count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        random.Shuffle(order);
        return order;
    }

    private static int[] Permute(int[] labels, int[] order)
    {
        var result = new int[order.Length];
        for (var i = 0; i < order.Length; i++)
        {
            result[i] = labels[order[i]];
        }

        return result;
    }

    /// <summary>Keras's per-id steps: start mark, rank offset, out-of-vocabulary replacement.</summary>
    private readonly record struct IdMapping(
        int NumWords, int StartChar, int OovChar, int IndexFrom)
    {
        public int[][] Apply(int[][] raw, int[] order)
        {
            var result = new int[order.Length][];
            var start = Limit(StartChar);
            for (var i = 0; i < order.Length; i++)
            {
                var source = raw[order[i]];
                var row = new int[source.Length + 1];
                row[0] = start;
                for (var k = 0; k < source.Length; k++)
                {
                    row[k + 1] = Limit((long)source[k] + IndexFrom);
                }

                result[i] = row;
            }

            return result;
        }

        // Keras keeps w when skip_top <= w < num_words (skip_top is 0 here), else uses oov_char.
        private int Limit(long id)
        {
            return id >= 0 && id < NumWords ? (int)id : OovChar;
        }
    }
}
