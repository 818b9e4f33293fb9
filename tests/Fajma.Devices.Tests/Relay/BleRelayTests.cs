using System.Text.Json;
using Fajma.Core.Ble;
using Fajma.Core.Messages;
using Fajma.Devices.Outbox;
using Fajma.Devices.Relay;
using Fajma.Devices.Tests.Outbox;
using Microsoft.Extensions.Time.Testing;

namespace Fajma.Devices.Tests.Relay;

/// <summary>The desktop gateway's relay: a strap's 0x2A37 notifications become signed batches in the outbox, per the seed's 10 readings or 5 s.</summary>
public sealed class BleRelayTests : IDisposable
{
    private static readonly byte[] s_secret = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private readonly TempStore _store = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly SqliteOutbox _outbox;

    public BleRelayTests() => _outbox = SqliteOutbox.Open(_store.Path, time: _clock);

    private static byte[] Notification(int heartRate, HeartRateSensorContact contact = HeartRateSensorContact.Detected) =>
        HeartRateMeasurementWriter.Encode(new HeartRateMeasurement(heartRate, contact, null, [800, 812]));

    private List<JsonElement> Batches() => [.. _outbox.PeekOldest(100).Select(m => JsonDocument.Parse(m.Body).RootElement.GetProperty("messages").Clone())];

    [Fact]
    public void TenReadingsMakeOneBatchOfTenMessagesEachSignedAsTheServerChecks()
    {
        using var relay = new BleRelay("BLE-STRAP-1", s_secret, _outbox, _clock);

        for (var i = 0; i < 10; i++)
        {
            relay.Receive(Notification(70 + i));
            _clock.Advance(TimeSpan.FromMilliseconds(300));
        }

        var messages = Assert.Single(Batches()).EnumerateArray().ToList();
        Assert.Equal(10, messages.Count);
        Assert.All(messages, m =>
        {
            var signature = m.GetProperty("signature").GetString();
            Assert.True(MessageSignature.Verify(s_secret, MessageSignature.SignedBytes(m), signature), $"signature {signature} does not verify");
            Assert.Equal("BLE-STRAP-1", m.GetProperty("header").GetProperty("device_id").GetString());
        });
        Assert.Equal(Enumerable.Range(70, 10).Select(v => (double)v), messages.Select(m => m.GetProperty("payload").GetProperty("measurements")[0].GetProperty("value").GetDouble()));
        // Each message carries its own reading's time, 300 ms apart, not the batch's.
        Assert.Equal(_clock.GetUtcNow().AddMilliseconds(-300 * 10), messages[0].GetProperty("header").GetProperty("timestamp").GetDateTimeOffset());
        Assert.Equal(10, messages.Select(m => m.GetProperty("header").GetProperty("message_id").GetString()).Distinct().Count());
    }

    [Fact]
    public void FewerThanTenReadingsGoFiveSecondsAfterTheFirst()
    {
        using var relay = new BleRelay("BLE-STRAP-1", s_secret, _outbox, _clock);

        relay.Receive(Notification(72));
        _clock.Advance(TimeSpan.FromSeconds(2));
        relay.Receive(Notification(73));
        _clock.Advance(TimeSpan.FromSeconds(2.9));
        Assert.Empty(Batches());

        _clock.Advance(TimeSpan.FromSeconds(0.1));
        Assert.Equal(2, Assert.Single(Batches()).GetArrayLength());
        Assert.Equal(0, relay.Pending);
    }

    [Fact]
    public void ReadingsWithoutSkinContactOutOfRangeOrCutShortAreCountedAndNeverSent()
    {
        using var relay = new BleRelay("BLE-STRAP-1", s_secret, _outbox, _clock);

        relay.Receive(Notification(0, HeartRateSensorContact.NotDetected));
        relay.Receive(Notification(350));
        relay.Receive([0x01, 0x48]); // flags say uint16, one byte follows
        relay.Receive(Notification(64));
        relay.Flush();

        Assert.Equal(4, relay.Statistics.Received);
        Assert.Equal(2, relay.Statistics.Skipped);
        Assert.Equal(1, relay.Statistics.Malformed);
        Assert.Contains("heart_rate", relay.Statistics.LastMalformed, StringComparison.Ordinal);
        Assert.Equal(1, Assert.Single(Batches()).GetArrayLength());
    }

    [Fact]
    public async Task WhatIsPendingWhenTheStrapGoesAwayIsSealedNotLost()
    {
        var relay = new BleRelay("BLE-STRAP-1", s_secret, _outbox, _clock);

        await relay.RunAsync(Strap([Notification(81), Notification(82), Notification(83)]), CancellationToken.None);

        Assert.Equal(3, Assert.Single(Batches()).GetArrayLength());
        relay.Dispose();
        Assert.Single(Batches()); // nothing sealed twice
    }

    private static async IAsyncEnumerable<ReadOnlyMemory<byte>> Strap(IEnumerable<byte[]> values)
    {
        foreach (var value in values)
        {
            await Task.Yield();
            yield return value;
        }
    }

    public void Dispose()
    {
        _outbox.Dispose();
        _store.Dispose();
    }
}
