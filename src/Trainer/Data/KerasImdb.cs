namespace GpuImdb.Trainer.Data;

/// <summary>
/// Loads imdb.npz the way <c>keras.datasets.imdb.load_data</c> does: the same shuffle, start
/// mark, id offset and out-of-vocabulary replacement, so that sample 0 is Keras's sample 0.
/// <see cref="FromRanks"/> is those steps alone; Stanford's raw reviews (<see cref="AclImdb"/>)
/// go through it too, so both sources give the same ids.
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
        var train = ReadPair(npz, "x_train.npy", "y_train.npy");
        var test = ReadPair(npz, "x_test.npy", "y_test.npy");
        return FromRanks(train, test, npzPath, numWords, seed, startChar, oovChar, indexFrom);
    }

    /// <summary>
    /// Applies load_data's steps to reviews already read as word ranks, from any source: a
    /// <c>RandomState(seed)</c> shuffles the training reviews and labels, the same generator,
    /// continued, shuffles the test ones; then every review gets the start mark, the rank offset
    /// and the out-of-vocabulary replacement, as <see cref="Load"/> describes.
    /// </summary>
    public static ImdbData FromRanks(
        RankedReviews train,
        RankedReviews test,
        string sourcePath,
        int numWords = 10000,
        int seed = 113,
        int startChar = 1,
        int oovChar = 2,
        int indexFrom = 3)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        ArgumentNullException.ThrowIfNull(sourcePath);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(numWords);
        ArgumentOutOfRangeException.ThrowIfNegative(seed);
        CheckCounts(train, nameof(train));
        CheckCounts(test, nameof(test));

        var random = new NumpyRandomState((uint)seed);
        var trainOrder = Shuffled(random, train.Count);
        var testOrder = Shuffled(random, test.Count);

        var ids = new KerasIdMapping(numWords, startChar, oovChar, indexFrom);
        return new ImdbData(
            new ImdbSplit(Apply(ids, train.Ranks, trainOrder), Permute(train.Labels, trainOrder)),
            new ImdbSplit(Apply(ids, test.Ranks, testOrder), Permute(test.Labels, testOrder)),
            sourcePath);
    }

    private static void CheckCounts(RankedReviews reviews, string name)
    {
        if (reviews.Ranks.Length != reviews.Labels.Length)
        {
            throw new ArgumentException(
                $"{reviews.Ranks.Length} reviews but {reviews.Labels.Length} labels; they must match.",
                name);
        }
    }

    private static RankedReviews ReadPair(
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

        return new RankedReviews(sequences, Array.ConvertAll(labels, l => (int)l));
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

    private static int[][] Apply(KerasIdMapping ids, int[][] ranks, int[] order)
    {
        var result = new int[order.Length][];
        for (var i = 0; i < order.Length; i++)
        {
            result[i] = ids.Map(ranks[order[i]]);
        }

        return result;
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
}
