namespace Fajma.Core.Messages;

/// <summary>
/// Estimates one device's clock offset from the messages it sends, without asking it anything. Each message gives
/// <c>device time − arrival time</c> = offset − network delay − how long the message waited on the device; both are
/// never negative, so the largest recent sample is the best estimate (the least-delayed message, as NTP's clock filter
/// keeps the least-delayed exchange).
/// </summary>
/// <remarks>
/// Only messages that arrive <b>in step</b> count: the device time advanced by about as much as the arrival time since
/// the previous message. A backlog flushed from an outbox after an outage, or a phone's batch of readings, arrives out
/// of step (many device seconds in a few server milliseconds) and would look like a clock running late; it says
/// nothing about the clock, so it is left out. Not thread-safe: one instance per device, called under its lock.
/// </remarks>
public sealed class ClockOffsetEstimator
{
    /// <summary>
    /// How far apart the two advances may be for the pair to count as in step (network jitter): at most 250 ms, and at
    /// most half the device's own advance, so that a fast device's backlog (100 ms apart, drained 5 ms apart) is not in step.
    /// </summary>
    public static readonly TimeSpan StepTolerance = TimeSpan.FromMilliseconds(250);

    /// <summary>How long a sample counts: long enough to ride over jitter, short enough to follow a clock that was corrected.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(2);

    // The samples that can still be the window's largest, oldest first, offsets strictly decreasing: a sample that arrived
    // later with an offset at least as large outlives and outranks an older one, which then never counts again. So the
    // largest is the first, found at once, and a device streaming at 10 Hz keeps a few entries instead of 1,200.
    private readonly List<(DateTimeOffset Arrival, long OffsetMs)> _candidates = [];
    private int _first; // candidates before it have left the window: removed from the front without moving the rest
    private (DateTimeOffset Device, DateTimeOffset Arrival)? _previous;

    /// <summary>The estimate after the samples so far, or null before the first in-step pair.</summary>
    public ClockEstimate? Current { get; private set; }

    /// <summary>Takes one message's device time and the server's arrival time; returns the estimate after it.</summary>
    public ClockEstimate? Observe(DateTimeOffset deviceTime, DateTimeOffset arrival)
    {
        if (_previous is { } previous)
        {
            var deviceAdvance = deviceTime - previous.Device;
            var arrivalAdvance = arrival - previous.Arrival;
            var tolerance = TimeSpan.FromTicks(Math.Min(StepTolerance.Ticks, deviceAdvance.Ticks / 2));
            if (deviceAdvance > TimeSpan.Zero && (deviceAdvance - arrivalAdvance).Duration() <= tolerance)
                Add(arrival, (long)(deviceTime - arrival).TotalMilliseconds);
        }
        // A message older than the last one (a resend, or out of order) keeps the later one as the reference.
        if (_previous is null || deviceTime > _previous.Value.Device) _previous = (deviceTime, arrival);
        while (_first < _candidates.Count && arrival - _candidates[_first].Arrival > Window) _first++;
        if (_first == _candidates.Count)
        {
            // The window is empty: the last estimate stands until the next in-step pair.
            _candidates.Clear();
            _first = 0;
            return Current;
        }
        var largest = _candidates[_first].OffsetMs;
        if (Current?.OffsetMilliseconds != largest) Current = new ClockEstimate(largest);
        return Current;
    }

    private void Add(DateTimeOffset arrival, long offsetMs)
    {
        while (_candidates.Count > _first && _candidates[^1].OffsetMs <= offsetMs) _candidates.RemoveAt(_candidates.Count - 1);
        if (_first >= 64 && _first * 2 >= _candidates.Count)
        {
            _candidates.RemoveRange(0, _first); // the departed front, dropped once it outweighs the rest
            _first = 0;
        }
        _candidates.Add((arrival, offsetMs));
    }
}
