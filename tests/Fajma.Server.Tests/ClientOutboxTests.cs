using System.Threading.Channels;
using Fajma.Server.Monitoring;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fajma.Server.Tests;

/// <summary>A browser slower than the sensors gets the latest value of each vital sign, not a growing backlog.</summary>
public sealed class ClientOutboxTests
{
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
        outbox.Enqueue("hr", MonitoringEvents.Observation, 60);
        await _firstSendStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        for (var value = 61; value <= 160; value++) outbox.Enqueue("hr", MonitoringEvents.Observation, value);
        outbox.Enqueue("spo2", MonitoringEvents.Observation, 97);

        _browserCatchesUp.SetResult();
        var received = await ReceiveAsync(3);

        Assert.Equal([60, 160, 97], received.Cast<int>());
        Assert.Equal(99, outbox.Coalesced);
        Assert.False(_delivered.Reader.TryRead(out _)); // nothing else was queued
    }

    [Fact]
    public async Task AFastBrowserReceivesEveryReadingInOrder()
    {
        _browserCatchesUp.SetResult();
        var outbox = new ClientOutbox("c2", SlowBrowserAsync, NullLogger.Instance);

        for (var value = 1; value <= 20; value++)
        {
            outbox.Enqueue("hr", MonitoringEvents.Observation, value);
            Assert.Equal(value, (int)(await ReceiveAsync(1))[0]);
        }
        Assert.Equal(0, outbox.Coalesced);
    }
}
