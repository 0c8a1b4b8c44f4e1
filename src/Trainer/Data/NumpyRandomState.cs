namespace GpuImdb.Trainer.Data;

/// <summary>
/// numpy's legacy <c>np.random.RandomState(seed)</c> for an integer seed: the MT19937 generator
/// seeded with <c>init_genrand</c> (numpy's <c>mt19937_seed</c>), with numpy's algorithms for
/// bounded integers, doubles and <c>shuffle</c>. Same seed, same calls, same numbers as numpy, so
/// Keras's <c>load_data(seed=113)</c> order can be reproduced exactly.
/// </summary>
public sealed class NumpyRandomState
{
    private const int StateLength = 624;
    private const int Shift = 397;
    private const uint MatrixA = 0x9908b0df;
    private const uint UpperMask = 0x80000000;
    private const uint LowerMask = 0x7fffffff;

    private readonly uint[] _key = new uint[StateLength];
    private int _pos;

    /// <summary>Seeds the generator as <c>np.random.RandomState(seed)</c> does.</summary>
    public NumpyRandomState(uint seed)
    {
        for (var i = 0; i < StateLength; i++)
        {
            _key[i] = seed;
            seed = (1812433253u * (seed ^ (seed >> 30))) + (uint)i + 1;
        }

        _pos = StateLength;
    }

    /// <summary>The next raw 32-bit output (numpy's <c>mt19937_next32</c>).</summary>
    public uint NextUInt32()
    {
        if (_pos == StateLength)
        {
            Generate();
        }

        var y = _key[_pos++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >> 18;
        return y;
    }

    /// <summary>
    /// A double in [0, 1) from two draws, 53 random bits, as <c>RandomState.random_sample()</c>.
    /// </summary>
    public double NextDouble()
    {
        var a = NextUInt32() >> 5;
        var b = NextUInt32() >> 6;
        return ((a * 67108864.0) + b) / 9007199254740992.0;
    }

    /// <summary>
    /// An int in [0, <paramref name="maxExclusive"/>), as <c>RandomState.randint(0, n)</c> draws
    /// it: 32-bit draws masked to the smallest covering power of two, rejecting those too large.
    /// </summary>
    public int Next(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        return (int)Interval((uint)maxExclusive - 1);
    }

    /// <summary>Shuffles <paramref name="items"/> in place as <c>RandomState.shuffle</c> does.</summary>
    public void Shuffle<T>(T[] items)
    {
        ArgumentNullException.ThrowIfNull(items);
        Shuffle(items.AsSpan());
    }

    /// <summary>Shuffles <paramref name="items"/> in place as <c>RandomState.shuffle</c> does.</summary>
    public void Shuffle<T>(Span<T> items)
    {
        // numpy's _shuffle_raw: Fisher-Yates from the end, j drawn by random_interval(i).
        for (var i = items.Length - 1; i >= 1; i--)
        {
            var j = (int)Interval((uint)i);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>numpy's <c>random_interval(max)</c>: an int in [0, max], by mask + rejection.</summary>
    private uint Interval(uint max)
    {
        if (max == 0)
        {
            return 0;
        }

        var mask = max;
        mask |= mask >> 1;
        mask |= mask >> 2;
        mask |= mask >> 4;
        mask |= mask >> 8;
        mask |= mask >> 16;
        uint value;
        do
        {
            value = NextUInt32() & mask;
        }
        while (value > max);

        return value;
    }

    /// <summary>Refills the state with the next 624 words (numpy's <c>mt19937_gen</c>).</summary>
    private void Generate()
    {
        uint y;
        int i;
        for (i = 0; i < StateLength - Shift; i++)
        {
            y = (_key[i] & UpperMask) | (_key[i + 1] & LowerMask);
            _key[i] = _key[i + Shift] ^ (y >> 1) ^ Twist(y);
        }

        for (; i < StateLength - 1; i++)
        {
            y = (_key[i] & UpperMask) | (_key[i + 1] & LowerMask);
            _key[i] = _key[i + Shift - StateLength] ^ (y >> 1) ^ Twist(y);
        }

        y = (_key[StateLength - 1] & UpperMask) | (_key[0] & LowerMask);
        _key[StateLength - 1] = _key[Shift - 1] ^ (y >> 1) ^ Twist(y);
        _pos = 0;
    }

    private static uint Twist(uint y)
    {
        return (y & 1) == 0 ? 0 : MatrixA;
    }
}
