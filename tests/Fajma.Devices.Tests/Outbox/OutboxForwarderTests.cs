using System.Text;
using Fajma.Devices.Outbox;
using Fajma.Devices.Transport;

namespace Fajma.Devices.Tests.Outbox;

public sealed class OutboxForwarderTests : IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);

    // No waiting between attempts, so ordering tests run straight through; backoff timing has its own test.
    private static readonly OutboxRetryOptions s_immediate = new() { MaxAttempts = 5, FirstDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero, PauseAfterStall = TimeSpan.Zero };

    private readonly TempStore _store = new();

    public void Dispose() => _store.Dispose();

    private static void Enqueue(SqliteOutbox outbox, params string[] keys)
    {
        foreach (var key in keys) outbox.Enqueue(key, Encoding.UTF8.GetBytes(key));
    }

    [Fact]
    public async Task AMessageIsDeletedOnlyAfterTheServerAcknowledgedIt()
    {
        using var outbox = SqliteOutbox.Open(_store.Path);
        Enqueue(outbox, "m1");
        var answer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var server = new FakeServerTransport { Gate = answer.Task };
        var forwarder = new OutboxForwarder(outbox, server, s_immediate);

        var draining = forwarder.DrainAsync(CancellationToken.None);
        await server.AttemptedAsync(1).WaitAsync(s_timeout);

        // Sent, not yet acknowledged: still queued, also for another process that opens the file.
        Assert.Equal(1, outbox.Count);
        using (var other = SqliteOutbox.Open(_store.Path)) Assert.Equal(["m1"], other.PeekOldest(10).Select(m => m.MessageKey));

        answer.SetResult();
        var result = await draining.WaitAsync(s_timeout);

        Assert.Equal(new DrainResult(1, null), result);
        Assert.Equal(0, outbox.Count);
        Assert.Equal(["m1"], server.Stored);
    }

    [Fact]
    public async Task ANoMatchingSubscribersPubackKeepsTheMessageAndItIsRetriedBeforeTheNextOnes()
    {
        using var outbox = SqliteOutbox.Open(_store.Path);
        Enqueue(outbox, "m1", "m2", "m3");
        var server = new FakeServerTransport
        {
            // What MqttDeviceTransport does with PUBACK 0x10: the broker dropped the message.
            Fault = (key, attempt) => attempt <= 2 ? throw new NotDeliveredException("no matching subscribers (0x10)") : null,
        };

        var result = await new OutboxForwarder(outbox, server, s_immediate).DrainAsync(CancellationToken.None).WaitAsync(s_timeout);

        Assert.Equal(new DrainResult(3, null), result);
        Assert.Equal(["m1", "m1", "m1", "m2", "m3"], server.Attempts);
        Assert.Equal(["m1", "m2", "m3"], server.Stored);
        Assert.Equal(0, outbox.Count);
    }

    [Fact]
    public async Task ARefusalKeepsTheMessageAtTheHeadAndNothingOvertakesIt()
    {
        using var outbox = SqliteOutbox.Open(_store.Path);
        Enqueue(outbox, "m1", "m2");
        var server = new FakeServerTransport { Fault = (key, _) => key == "m1" ? new PublishResult(false, "503", "busy") : null };

        var result = await new OutboxForwarder(outbox, server, s_immediate with { MaxAttempts = 3 }).DrainAsync(CancellationToken.None).WaitAsync(s_timeout);

        Assert.True(result.Stalled);
        Assert.Equal("503: busy", result.LastFailure);
        Assert.Equal(["m1", "m1", "m1"], server.Attempts);
        Assert.Empty(server.Stored);
        Assert.Equal(["m1", "m2"], outbox.PeekOldest(10).Select(m => m.MessageKey));
    }

    [Fact]
    public async Task AfterAnOutageTheQueuedMessagesAreSentOldestFirst()
    {
        using var outbox = SqliteOutbox.Open(_store.Path);
        var server = new FakeServerTransport { Down = true };
        var forwarder = new OutboxForwarder(outbox, server, s_immediate);
        Enqueue(outbox, "m1", "m2", "m3");

        var duringOutage = await forwarder.DrainAsync(CancellationToken.None).WaitAsync(s_timeout);
        Enqueue(outbox, "m4", "m5");
        server.Down = false;
        var afterOutage = await forwarder.DrainAsync(CancellationToken.None).WaitAsync(s_timeout);

        Assert.True(duringOutage.Stalled);
        Assert.Contains("connection refused", duringOutage.LastFailure, StringComparison.Ordinal);
        Assert.Equal(new DrainResult(5, null), afterOutage);
        Assert.Equal(["m1", "m2", "m3", "m4", "m5"], server.Stored);
    }

    [Fact]
    public async Task RunningForwarderResumesInOrderAfterItsPauseWhenTheTransportComesBack()
    {
        var time = new WatchedClock();
        using var outbox = SqliteOutbox.Open(_store.Path, time: time);
        var server = new FakeServerTransport { Fault = (_, attempt) => attempt == 1 ? throw new HttpRequestException("network down") : null };
        var options = s_immediate with { MaxAttempts = 1, PauseAfterStall = TimeSpan.FromSeconds(30) };
        using var stop = new CancellationTokenSource();
        var running = new OutboxForwarder(outbox, server, options, time).RunAsync(stop.Token);

        Enqueue(outbox, "m1", "m2", "m3");
        await time.TimerStartedAsync().WaitAsync(s_timeout); // the pass stalled on m1; the next one waits for the pause
        Assert.Equal(["m1"], server.Attempts);
        Assert.Empty(server.Stored);

        var resumed = server.AttemptedAsync(4);
        time.Advance(options.PauseAfterStall);
        await resumed.WaitAsync(s_timeout);

        Assert.Equal(["m1", "m1", "m2", "m3"], server.Attempts);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running.WaitAsync(s_timeout));
        Assert.Equal(["m1", "m2", "m3"], server.Stored);
        Assert.Equal(0, outbox.Count);
    }

    [Fact]
    public async Task RetriesWaitOnTheClockWithBackoff()
    {
        var time = new WatchedClock();
        using var outbox = SqliteOutbox.Open(_store.Path, time: time);
        Enqueue(outbox, "m1");
        var server = new FakeServerTransport { Fault = (_, attempt) => attempt == 1 ? throw new HttpRequestException("timeout") : null };
        var options = new OutboxRetryOptions { MaxAttempts = 3, FirstDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(8) };

        var draining = new OutboxForwarder(outbox, server, options, time).DrainAsync(CancellationToken.None);
        await time.TimerStartedAsync().WaitAsync(s_timeout); // the first attempt failed and the backoff began
        var second = server.AttemptedAsync(2);
        Assert.False(second.IsCompleted); // the fake clock has not moved: the retry is still waiting

        time.Advance(options.MaxDelay);
        await second.WaitAsync(s_timeout);

        Assert.Equal(new DrainResult(1, null), await draining.WaitAsync(s_timeout));
    }

    [Fact]
    public async Task ABusyServersRetryAfterIsWaitedOutInsteadOfTheShorterBackoff()
    {
        var time = new WatchedClock();
        using var outbox = SqliteOutbox.Open(_store.Path, time: time);
        Enqueue(outbox, "m1");
        var busy = new PublishResult(false, "503", "busy") { RetryAfter = TimeSpan.FromSeconds(5) };
        var server = new FakeServerTransport { Fault = (_, attempt) => attempt == 1 ? busy : null };
        var options = new OutboxRetryOptions { MaxAttempts = 3, FirstDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromSeconds(30) };

        var draining = new OutboxForwarder(outbox, server, options, time).DrainAsync(CancellationToken.None);
        await time.TimerStartedAsync().WaitAsync(s_timeout);
        var second = server.AttemptedAsync(2);
        time.Advance(TimeSpan.FromSeconds(4.9)); // well past the 100 ms backoff, short of what the server asked
        Assert.False(second.IsCompleted);

        time.Advance(TimeSpan.FromSeconds(1.1)); // 6 s: past Retry-After and its jitter (at most a fifth more)
        await second.WaitAsync(s_timeout);

        Assert.Equal(new DrainResult(1, null), await draining.WaitAsync(s_timeout));
        Assert.Equal(["m1"], server.Stored);
    }

    [Fact]
    public async Task AMessageResentAfterACrashBetweenSendAndDeleteIsAnsweredDuplicateAndRemoved()
    {
        // The previous process sent m1 and was killed before deleting it: the server has it, the file still does too.
        using (var before = SqliteOutbox.Open(_store.Path)) Enqueue(before, "m1", "m2");
        var server = new FakeServerTransport();
        server.PreStore("m1");

        using var outbox = SqliteOutbox.Open(_store.Path);
        var result = await new OutboxForwarder(outbox, server, s_immediate).DrainAsync(CancellationToken.None).WaitAsync(s_timeout);

        Assert.Equal(new DrainResult(2, null), result);
        Assert.Equal(1, server.Duplicates);
        Assert.Equal(["m1", "m2"], server.Stored);
        Assert.Equal(0, outbox.Count);
    }

    [Fact]
    public async Task AMessageRefusedForItsContentIsParkedWithItsReasonAndTheNextOnesAreSent()
    {
        using (var outbox = SqliteOutbox.Open(_store.Path))
        {
            Enqueue(outbox, "m1", "m2", "m3");
            var server = new FakeServerTransport { Fault = (key, _) => key == "m2" ? new PublishResult(false, "422", "checksum mismatch") : null };

            var result = await new OutboxForwarder(outbox, server, s_immediate).DrainAsync(CancellationToken.None).WaitAsync(s_timeout);

            Assert.Equal(new DrainResult(2, null, Parked: 1), result);
            Assert.Equal(["m1", "m2", "m3"], server.Attempts); // no retry: it would be refused again
            Assert.Equal(["m1", "m3"], server.Stored);
        }

        using var reopened = SqliteOutbox.Open(_store.Path);
        var again = new FakeServerTransport();
        await new OutboxForwarder(reopened, again, s_immediate).DrainAsync(CancellationToken.None).WaitAsync(s_timeout);

        Assert.Empty(again.Attempts);
        Assert.Equal((0, 1), (reopened.Count, reopened.Parked));
        var (message, reason) = Assert.Single(reopened.PeekParked(10));
        Assert.Equal(("m2", "422: checksum mismatch"), (message.MessageKey, reason));
    }

    [Fact]
    public async Task ARefusalOfTheDeviceItselfIsRetriedNotParked()
    {
        using var outbox = SqliteOutbox.Open(_store.Path);
        Enqueue(outbox, "m1", "m2");
        var server = new FakeServerTransport { Fault = (_, _) => new PublishResult(false, "NotAuthorized", "unknown device") };

        var result = await new OutboxForwarder(outbox, server, s_immediate with { MaxAttempts = 2 }).DrainAsync(CancellationToken.None).WaitAsync(s_timeout);

        Assert.Equal(new DrainResult(0, "NotAuthorized: unknown device"), result);
        Assert.Equal(["m1", "m1"], server.Attempts);
        Assert.Equal((2, 0), (outbox.Count, outbox.Parked));
    }
}
