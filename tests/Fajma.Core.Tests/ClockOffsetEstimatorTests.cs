using CsCheck;
using Fajma.Core.Messages;

namespace Fajma.Core.Tests;

/// <summary>A device's clock offset, read from the messages it sends: found when it streams live, never invented from a backlog.</summary>
public sealed class ClockOffsetEstimatorTests
{
    private static readonly DateTimeOffset s_start = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);

    /// <summary>A device sending every second for <paramref name="seconds"/>, its clock <paramref name="offsetMs"/> off, each message delayed by the given network delay.</summary>
    private static ClockEstimate? Stream(ClockOffsetEstimator estimator, int offsetMs, int seconds, Func<int, int> delayMs, int from = 0)
    {
        ClockEstimate? estimate = null;
        for (var i = from; i < from + seconds; i++)
        {
            var sentAt = s_start.AddSeconds(i); // server time when the device sent it
            estimate = estimator.Observe(sentAt.AddMilliseconds(offsetMs), sentAt.AddMilliseconds(delayMs(i)));
        }
        return estimate;
    }

    [Theory]
    [InlineData(3000, true)]
    [InlineData(-3000, true)]
    [InlineData(1500, true)]
    [InlineData(-1500, true)]
    [InlineData(400, false)]
    [InlineData(0, false)]
    public void ALiveStreamGivesTheClocksOffsetLessTheSmallestNetworkDelay(int offsetMs, bool doubtful)
    {
        var estimate = Stream(new ClockOffsetEstimator(), offsetMs, 30, i => 15 + i * 37 % 120);

        Assert.NotNull(estimate);
        Assert.InRange(estimate.OffsetMilliseconds, offsetMs - 20, offsetMs - 15);
        Assert.Equal(doubtful, estimate.Doubtful);
    }

    [Fact]
    public void ABacklogFlushedAfterAnOutageSaysNothingAboutTheClock()
    {
        var estimator = new ClockOffsetEstimator();
        // 600 readings measured over the last minute by a correct clock, arriving within 3 s once the link is back.
        for (var i = 0; i < 600; i++)
            Assert.Null(estimator.Observe(s_start.AddMilliseconds(i * 100), s_start.AddSeconds(60).AddMilliseconds(i * 5)));

        var live = Stream(estimator, 0, 10, _ => 10, from: 64);

        Assert.NotNull(live);
        Assert.False(live.Doubtful);
        Assert.InRange(live.OffsetMilliseconds, -10, 0);
    }

    [Fact]
    public void APhonesBatchOfReadingsArrivingTogetherIsNotTakenForALateClock()
    {
        var estimator = new ClockOffsetEstimator();
        for (var batch = 0; batch < 5; batch++)
            for (var i = 0; i < 10; i++)
                estimator.Observe(s_start.AddSeconds(batch * 10 + i), s_start.AddSeconds(batch * 10 + 10).AddMilliseconds(i));

        Assert.Null(estimator.Current);
    }

    [Fact]
    public void AClockSetRightIsNoLongerDoubtfulOnceTheWindowHasPassed()
    {
        var estimator = new ClockOffsetEstimator();
        Assert.True(Stream(estimator, 3000, 20, _ => 10)!.Doubtful);

        var corrected = Stream(estimator, 0, (int)ClockOffsetEstimator.Window.TotalSeconds + 5, _ => 10, from: 20);

        Assert.False(corrected!.Doubtful);
    }

    [Fact]
    public void TheEstimateIsAlwaysTheLargestInStepSampleOfTheLastTwoMinutes() =>
        // Device steps of 50 ms to 3 s (sometimes backwards: a resend), arrivals 0 ms to 40 s apart (gaps empty the window),
        // jitter on either: every answer against a plain scan of every sample kept for the window.
        Gen.Select(Gen.Int[-500, 3_000], Gen.Int[0, 3_000], Gen.Int[0, 10].Select(n => n == 0 ? 40_000 : 0)).Array[1, 600]
            .Sample(steps =>
            {
                var estimator = new ClockOffsetEstimator();
                var reference = new ScanEveryEstimate();
                var (device, arrival) = (s_start, s_start);
                foreach (var (deviceStepMs, arrivalStepMs, gapMs) in steps)
                {
                    (device, arrival) = (device.AddMilliseconds(deviceStepMs), arrival.AddMilliseconds(arrivalStepMs + gapMs));
                    Assert.Equal(reference.Observe(device, arrival), estimator.Observe(device, arrival)?.OffsetMilliseconds);
                }
            }, iter: 300);

    [Fact]
    public void AClockFallingBehindAtTenHertzForTenMinutesIsFollowedSampleBySample()
    {
        // Messages 20 to 180 ms apart by the server's clock (100 ms on average), each 1 ms less by the device's: every sample
        // is in step and smaller than the one before, so every one stays a candidate until it leaves the window.
        var estimator = new ClockOffsetEstimator();
        var reference = new ScanEveryEstimate();
        var (device, arrival) = (s_start, s_start.AddMilliseconds(20));
        for (var i = 0; i < 6_000; i++)
        {
            var step = 20 + i * 37 % 161;
            (device, arrival) = (device.AddMilliseconds(step - 1), arrival.AddMilliseconds(step));
            Assert.Equal(reference.Observe(device, arrival), estimator.Observe(device, arrival)?.OffsetMilliseconds);
        }
        // About 1,200 messages in the window, each 1 ms behind the one before, and the 20 ms delay.
        Assert.InRange(estimator.Current!.OffsetMilliseconds, -4_800 - 20 - 200, -4_800 - 20 + 200);
    }

    /// <summary>The estimator as first written: every in-step sample of the window kept, and scanned for the largest on each message.</summary>
    private sealed class ScanEveryEstimate
    {
        private readonly Queue<(DateTimeOffset Arrival, long OffsetMs)> _samples = new();
        private (DateTimeOffset Device, DateTimeOffset Arrival)? _previous;
        private long? _current;

        public long? Observe(DateTimeOffset deviceTime, DateTimeOffset arrival)
        {
            if (_previous is { } previous)
            {
                var deviceAdvance = deviceTime - previous.Device;
                var tolerance = TimeSpan.FromTicks(Math.Min(ClockOffsetEstimator.StepTolerance.Ticks, deviceAdvance.Ticks / 2));
                if (deviceAdvance > TimeSpan.Zero && (deviceAdvance - (arrival - previous.Arrival)).Duration() <= tolerance)
                    _samples.Enqueue((arrival, (long)(deviceTime - arrival).TotalMilliseconds));
            }
            if (_previous is null || deviceTime > _previous.Value.Device) _previous = (deviceTime, arrival);
            while (_samples.Count > 0 && arrival - _samples.Peek().Arrival > ClockOffsetEstimator.Window) _samples.Dequeue();
            if (_samples.Count > 0) _current = _samples.Max(s => s.OffsetMs);
            return _current;
        }
    }

    [Fact]
    public void WhateverTheDelaysTheEstimateIsNeverAheadOfTheTrueOffsetNorFurtherBehindThanTheSmallestDelay() =>
        Gen.Select(Gen.Int[-10_000, 10_000], Gen.Int[0, 300].Array[5, 40]).Sample((offsetMs, delays) =>
        {
            var estimate = Stream(new ClockOffsetEstimator(), offsetMs, delays.Length, i => delays[i]);

            // Each in-step pair's delays differ by at most the step tolerance; pairs that do not are skipped, so there may be none.
            if (estimate is null) return;
            Assert.InRange(estimate.OffsetMilliseconds, offsetMs - 300, offsetMs);
        }, iter: 500);
}
