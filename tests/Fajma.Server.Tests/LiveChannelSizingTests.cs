using System.Text.Json;
using Fajma.Server.Live;
using Fajma.Server.Observations;

namespace Fajma.Server.Tests;

/// <summary>A browser's live budget is charged what each event weighs as JSON, event after event on the same thread.</summary>
public sealed class LiveChannelSizingTests
{
    private static ObservationDto Reading(string deviceId, string? source) => new(1, 7, deviceId, "HEART_RATE", "8867-4", 72, null, "bpm", 95,
        DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, ClockSources.Device, "m-1", source);

    [Fact]
    public void EachEventIsChargedItsOwnSizeNotWhatTheThreadSizedBefore()
    {
        var budgets = new TrafficOptions();
        var small = Reading("esp-1", null);
        var large = Reading(new string('d', 60), new string('s', 60));

        var sizes = new[] { small, large, small }.Select(o => ObservationChannels.Observation.Bytes(o, budgets)).ToList();

        var expected = new[] { small, large, small }.Select(o => JsonSerializer.SerializeToUtf8Bytes(o, ObservationsJsonContext.Default.ObservationDto).Length);
        Assert.Equal(expected, sizes);
        Assert.True(sizes[1] > sizes[0] + 100);
    }

    [Fact]
    public void AClassWithoutABudgetIsNotSized() =>
        Assert.Equal(0, ObservationChannels.Observation.Bytes(Reading("esp-1", null), new TrafficOptions { VitalSignsBytesPerSecond = 0 }));
}
