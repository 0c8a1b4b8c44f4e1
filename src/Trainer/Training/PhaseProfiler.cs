using System.Diagnostics;
using ILGPU.Runtime;

namespace GpuImdb.Trainer.Training;

/// <summary>
/// Attributes device time to the phases of a step (gather, embedding, dense, loss, …). While
/// enabled it synchronises the accelerator before and after each phase, so a profiled epoch is
/// slower than a normal one; normal epochs leave it disabled and pay nothing.
/// </summary>
public sealed class PhaseProfiler
{
    private readonly Accelerator _accelerator;
    private readonly Dictionary<string, double> _seconds = [];
    private readonly List<string> _order = [];

    public PhaseProfiler(Accelerator accelerator)
    {
        _accelerator = accelerator;
    }

    /// <summary>Whether phases are timed.</summary>
    public bool Enabled { get; set; }

    /// <summary>Seconds per phase, in the order phases were first seen.</summary>
    public IReadOnlyList<KeyValuePair<string, double>> Seconds =>
        _order.Select(name => new KeyValuePair<string, double>(name, _seconds[name])).ToList();

    /// <summary>Times the phase until the returned scope is disposed.</summary>
    public Scope Measure(string phase) => Enabled ? new Scope(this, phase) : default;

    /// <summary>Forgets every measurement.</summary>
    public void Reset()
    {
        _seconds.Clear();
        _order.Clear();
    }

    /// <summary>An open measurement; disposing it synchronises and records the time.</summary>
    public readonly struct Scope : IDisposable
    {
        private readonly PhaseProfiler? _owner;
        private readonly string _phase;
        private readonly long _start;

        internal Scope(PhaseProfiler owner, string phase)
        {
            owner._accelerator.Synchronize();
            _owner = owner;
            _phase = phase;
            _start = Stopwatch.GetTimestamp();
        }

        public void Dispose()
        {
            if (_owner is null)
            {
                return;
            }

            _owner._accelerator.Synchronize();
            double seconds = Stopwatch.GetElapsedTime(_start).TotalSeconds;
            if (!_owner._seconds.TryAdd(_phase, seconds))
            {
                _owner._seconds[_phase] += seconds;
            }
            else
            {
                _owner._order.Add(_phase);
            }
        }
    }
}
