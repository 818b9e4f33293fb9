using System.Threading.Channels;
using Fajma.Server.Live;
using Fajma.Core.Traffic;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Fajma.Server.Tests;

/// <summary>A browser slower than the sensors (or than its class's budget) gets the latest value of each vital sign, not a growing backlog.</summary>
public sealed class ClientOutboxTests
{
    private static LiveKey Key(string name) => new(name);

    private readonly Channel<(string Method, object Payload)> _delivered = Channel.CreateUnbounded<(string, object)>();
    private readonly TaskCompletionSource _browserCatchesUp = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _firstSendStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _sends;

    private async Task SlowBrowserAsync(string method, object payload)
    {
        // The first send stalls, as a browser on a bad connection does, until the test lets it go.
        if (Interlocked.Increment(ref _sends) == 1)
        {
            _firstSendStarted.SetResult();
            await _browserCatchesUp.Task;
        }
        _delivered.Writer.TryWrite((method, payload));
    }

    private async Task<List<object>> ReceiveAsync(int count)
    {
        var items = new List<object>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (items.Count < count) items.Add((await _delivered.Reader.ReadAsync(timeout.Token)).Payload);
        return items;
    }

    [Fact]
    public async Task ReadingsQueuedBehindASlowSendAreCoalescedToTheLatestPerVitalSign()
    {
        var outbox = new ClientOutbox("c1", SlowBrowserAsync, NullLogger.Instance);
        outbox.Enqueue(Key("hr"), MonitoringEvents.Observation, 60);
        await _firstSendStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        for (var value = 61; value <= 160; value++) outbox.Enqueue(Key("hr"), MonitoringEvents.Observation, value);
        outbox.Enqueue(Key("spo2"), MonitoringEvents.Observation, 97);

        _browserCatchesUp.SetResult();
        var received = await ReceiveAsync(3);

        Assert.Equal([60, 160, 97], received.Cast<int>());
        Assert.Equal(99, outbox.Coalesced);
        Assert.False(_delivered.Reader.TryRead(out _)); // nothing else was queued
    }

    private sealed record Reading(double Value, DateTimeOffset MeasuredAt) : ITimedReading
    {
        public DateTimeOffset ReceivedAt => MeasuredAt;

        public string ClockSource => "device";
    }

    [Fact]
    public async Task AnOlderReadingPublishedSecondNeverTakesTheNewerOnesPlace()
    {
        // A relayed batch is committed together and published in any order: 72 (measured last) may come before 71.
        var outbox = new ClientOutbox("c0", SlowBrowserAsync, NullLogger.Instance);
        var at = DateTimeOffset.UtcNow;
        outbox.Enqueue(Key("hr"), MonitoringEvents.Observation, new Reading(70, at));
        await _firstSendStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        outbox.Enqueue(Key("hr"), MonitoringEvents.Observation, new Reading(72, at.AddSeconds(2)));
        outbox.Enqueue(Key("hr"), MonitoringEvents.Observation, new Reading(71, at.AddSeconds(1)));

        _browserCatchesUp.SetResult();
        var received = await ReceiveAsync(2);

        Assert.Equal([70.0, 72.0], received.Cast<Reading>().Select(r => r.Value));
        Assert.Equal(1, outbox.Coalesced); // 71, shed: the screen already has newer
    }

    [Fact]
    public async Task APublisherSendsOneEventItselfAndLeavesWhatQueuedMeanwhileToThePool()
    {
        ClientOutbox outbox = null!;
        var sends = 0;
        var publisher = Environment.CurrentManagedThreadId;
        var publishing = true;
        var sentByThePublisher = 0;
        outbox = new ClientOutbox("c3", (_, payload) =>
        {
            // While the first event goes out, other devices' readings arrive for the same screen.
            if (Interlocked.Increment(ref sends) == 1)
                for (var key = 1; key <= 5; key++) outbox.Enqueue(Key($"k{key}"), MonitoringEvents.Observation, key);
            // The pool may send the rest while the publisher is still returning, but never on the publisher's own thread.
            if (Volatile.Read(ref publishing) && Environment.CurrentManagedThreadId == publisher) Interlocked.Increment(ref sentByThePublisher);
            _delivered.Writer.TryWrite((MonitoringEvents.Observation, payload));
            return Task.CompletedTask;
        }, NullLogger.Instance);

        outbox.Enqueue(Key("k0"), MonitoringEvents.Observation, 0);
        Volatile.Write(ref publishing, false);

        // The first reading went out before its publisher moved on (no hand-off to the pool for it); the five behind it
        // were not sent on the publisher's time (a device's acknowledgement waits for its publisher), yet all arrive.
        Assert.Equal(1, sentByThePublisher);
        Assert.Equal([0, 1, 2, 3, 4, 5], (await ReceiveAsync(6)).Cast<int>().Order());
    }

    [Fact]
    public async Task AFastBrowserReceivesEveryReadingInOrder()
    {
        _browserCatchesUp.SetResult();
        var outbox = new ClientOutbox("c2", SlowBrowserAsync, NullLogger.Instance);

        for (var value = 1; value <= 20; value++)
        {
            outbox.Enqueue(Key("hr"), MonitoringEvents.Observation, value);
            Assert.Equal(value, (int)(await ReceiveAsync(1))[0]);
        }
        Assert.Equal(0, outbox.Coalesced);
    }

    [Fact]
    public async Task VitalsOverTheirByteBudgetAreDelayedThenTheLatestIsSent()
    {
        _browserCatchesUp.SetResult();
        var time = new FakeTimeProvider();
        using var waiting = new SemaphoreSlim(0);
        var outbox = new ClientOutbox("c3", SlowBrowserAsync, NullLogger.Instance, new TrafficOptions { VitalSignsBytesPerSecond = 1000 }, time)
        {
            BudgetWaitStarted = () => waiting.Release(),
        };

        outbox.Enqueue(TrafficClass.VitalSigns, Key("hr"), MonitoringEvents.Observation, 1, 400);
        outbox.Enqueue(TrafficClass.VitalSigns, Key("spo2"), MonitoringEvents.Observation, 2, 400);
        outbox.Enqueue(TrafficClass.VitalSigns, Key("temp"), MonitoringEvents.Observation, 3, 400); // 200 bytes left this second: waits
        Assert.Equal([1, 2], (await ReceiveAsync(2)).Cast<int>());
        Assert.True(outbox.Enqueue(TrafficClass.VitalSigns, Key("temp"), MonitoringEvents.Observation, 4, 400)); // shed: replaced while waiting
        Assert.False(_delivered.Reader.TryRead(out _));

        // Only once the pump's timer is set: moved earlier, the fake clock would leave a timer set after it never firing.
        Assert.True(await waiting.WaitAsync(TimeSpan.FromSeconds(10)), "the pump never waited for its budget");
        time.Advance(TimeSpan.FromMilliseconds(200));

        Assert.Equal([4], (await ReceiveAsync(1)).Cast<int>());
        Assert.Equal(1, outbox.Coalesced);
    }

    [Fact]
    public async Task ABrowserAtItsBudgetIsPacedByTimersNotABusyLoop()
    {
        _browserCatchesUp.SetResult();
        var waits = 0;
        // The default budget of 1 MB a second: once the first second's worth is spent, each 300-byte reading is 0.3 ms away.
        var outbox = new ClientOutbox("c5", SlowBrowserAsync, NullLogger.Instance, new TrafficOptions { VitalSignsBytesPerSecond = 1_000_000 })
        {
            BudgetWaitStarted = () => Interlocked.Increment(ref waits),
        };

        for (var i = 0; i < 5_000; i++) outbox.Enqueue(TrafficClass.VitalSigns, Key($"reading-{i}"), MonitoringEvents.Observation, i, 300);
        Assert.Equal(5_000, (await ReceiveAsync(5_000)).Count);

        // Half a second over budget: a few dozen timer waits of ClientOutbox.MinimumBudgetWait, not one wait per reading.
        Assert.InRange(waits, 1, 120);
    }

    /// <summary>A monotonic clock in nanoseconds (as Linux's is) that the test moves; timers run on real time.</summary>
    private sealed class NanosecondClock : TimeProvider
    {
        public long Nanoseconds;

        public override long TimestampFrequency => 1_000_000_000;

        public override long GetTimestamp() => Interlocked.Read(ref Nanoseconds);
    }

    [Fact]
    public async Task AReadingShortOfItsBudgetByLessThanATickStillGoesOut()
    {
        _browserCatchesUp.SetResult();
        var clock = new NanosecondClock();
        var waits = new SemaphoreSlim(0);
        // 1 MB a second: the first 3,333 readings of 300 bytes spend all but 100 bytes of the first second's worth.
        var outbox = new ClientOutbox("c6", SlowBrowserAsync, NullLogger.Instance, new TrafficOptions { VitalSignsBytesPerSecond = 1_000_000 }, clock)
        {
            BudgetWaitStarted = () => waits.Release(),
        };
        for (var i = 0; i < 3_334; i++) outbox.Enqueue(TrafficClass.VitalSigns, Key($"reading-{i}"), MonitoringEvents.Observation, i, 300);
        Assert.Equal(3_333, (await ReceiveAsync(3_333)).Count);
        Assert.True(await waits.WaitAsync(TimeSpan.FromSeconds(10)), "the pump never waited for its budget");

        // Refilled twice, at 156.8 µs then at 200 µs, the bucket holds 299.99999999999994 bytes in floating point: the last
        // reading is short by far less than a tick, so its wait reads as zero. It must still be waited for, not dropped.
        // The pump looks again every MinimumBudgetWait: two more waits after the clock moves mean it has read the new time.
        async Task<bool> StillWaitingAt(long nanoseconds)
        {
            while (waits.Wait(0)) { }
            Interlocked.Exchange(ref clock.Nanoseconds, nanoseconds);
            return await waits.WaitAsync(TimeSpan.FromSeconds(10)) && await waits.WaitAsync(TimeSpan.FromSeconds(10));
        }
        Assert.True(await StillWaitingAt(156_800), "the pump stopped waiting for its budget");
        Assert.True(await StillWaitingAt(200_000), "the pump stopped with a reading still queued");
        Interlocked.Exchange(ref clock.Nanoseconds, 300_000);

        Assert.Equal([3_333], (await ReceiveAsync(1)).Cast<int>());
    }

    [Fact]
    public async Task VitalSignsGoBeforeDeviceStatusWhenBothWait()
    {
        var outbox = new ClientOutbox("c4", SlowBrowserAsync, NullLogger.Instance);
        outbox.Enqueue(TrafficClass.VitalSigns, Key("hr"), MonitoringEvents.Observation, 1, 100);
        await _firstSendStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        outbox.Enqueue(TrafficClass.DeviceStatus, Key("battery"), MonitoringEvents.DeviceStatus, 2, 100);
        outbox.Enqueue(TrafficClass.VitalSigns, Key("spo2"), MonitoringEvents.Observation, 3, 100);

        _browserCatchesUp.SetResult();

        Assert.Equal([1, 3, 2], (await ReceiveAsync(3)).Cast<int>());
    }
}
