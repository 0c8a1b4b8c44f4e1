using GpuImdb.Trainer.Data;

namespace GpuImdb.Trainer.Tests.Data;

// Expected values come from numpy 1.24.2's np.random.RandomState, printed by Python.
public class NumpyRandomStateTests
{
    [Fact]
    public void First_draws_for_seed_113_match_numpy()
    {
        // RandomState(113).randint(0, 2**32, size=5, dtype=np.uint64): the raw 32-bit outputs.
        var random = new NumpyRandomState(113);

        var draws = Enumerable.Range(0, 5).Select(_ => random.NextUInt32()).ToArray();

        Assert.Equal([3659249829u, 529109724, 317413538, 548173386, 3843702636], draws);
    }

    [Fact]
    public void Draws_after_the_state_is_regenerated_match_numpy()
    {
        // RandomState(113).randint(0, 2**32, size=700, dtype=np.uint64)[620:630].
        var random = new NumpyRandomState(113);
        for (var i = 0; i < 620; i++)
        {
            random.NextUInt32();
        }

        var draws = Enumerable.Range(0, 10).Select(_ => random.NextUInt32()).ToArray();

        uint[] expected =
        [
            1530666785, 4002773017, 4273649048, 1743398014, 4023317220,
            1324972501, 3395528656, 153969776, 949987554, 1422618924,
        ];
        Assert.Equal(expected, draws);
    }

    [Fact]
    public void The_largest_seed_matches_numpy()
    {
        var random = new NumpyRandomState(uint.MaxValue);

        var draws = Enumerable.Range(0, 3).Select(_ => random.NextUInt32()).ToArray();

        Assert.Equal([419326371u, 479346978, 3918654476], draws);
    }

    [Theory]
    [InlineData(113u, new[] { 9, 3, 6, 1, 0, 7, 4, 8, 2, 5 })]
    [InlineData(0u, new[] { 2, 8, 4, 9, 1, 6, 7, 3, 0, 5 })]
    public void Shuffling_arange_10_matches_numpy(uint seed, int[] expected)
    {
        var items = Enumerable.Range(0, 10).ToArray();

        new NumpyRandomState(seed).Shuffle(items);

        Assert.Equal(expected, items);
    }

    [Fact]
    public void Shuffling_keras_train_then_test_indices_with_one_generator_matches_numpy()
    {
        // rng = RandomState(113); rng.shuffle(arange(25000)), then rng.shuffle of a second one.
        var random = new NumpyRandomState(113);
        var train = Enumerable.Range(0, 25000).ToArray();
        var test = Enumerable.Range(0, 25000).ToArray();

        random.Shuffle(train);
        random.Shuffle(test);

        Assert.Equal([7798, 13226, 18078, 793, 17499, 23003, 574, 19638, 5181, 23045], train[..10]);
        Assert.Equal([22748, 4083, 8015, 13688, 5310, 4466, 736, 22654, 23614, 10255], test[..10]);
    }

    [Fact]
    public void Shuffling_a_span_matches_shuffling_an_array()
    {
        var array = Enumerable.Range(0, 37).ToArray();
        var span = Enumerable.Range(0, 37).ToArray();

        new NumpyRandomState(5).Shuffle(array);
        new NumpyRandomState(5).Shuffle(span.AsSpan());

        Assert.Equal(array, span);
    }

    [Fact]
    public void NextDouble_matches_random_sample()
    {
        var random = new NumpyRandomState(113);

        var samples = new[] { random.NextDouble(), random.NextDouble() };

        Assert.Equal([0.8519854927300882, 0.07390359884225994], samples);
    }

    [Theory]
    [InlineData(10, new[] { 5, 2, 2, 6, 7, 0, 9, 0 })]
    [InlineData(1_000_000, new[] { 768165, 627420, 743586, 816714 })]
    public void Next_matches_randint_from_zero(int maxExclusive, int[] expected)
    {
        var random = new NumpyRandomState(113);

        var draws = expected.Select(_ => random.Next(maxExclusive)).ToArray();

        Assert.Equal(expected, draws);
    }

    [Fact]
    public void Next_of_one_returns_zero_without_drawing()
    {
        var random = new NumpyRandomState(113);

        var zero = random.Next(1);

        Assert.Equal(0, zero);
        Assert.Equal(3659249829u, random.NextUInt32());
    }
}
