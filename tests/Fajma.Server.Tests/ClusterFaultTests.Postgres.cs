using System.Diagnostics;
using System.Globalization;
using Fajma.Server.Tests.Infrastructure;

namespace Fajma.Server.Tests;

// PostgreSQL stopped under both nodes for 30 s: the backlog drains when it returns, memory stays bounded.
public sealed partial class ClusterFaultTests
{
    [Fact]
    public async Task WithPostgresStoppedThirtySecondsNothingAcknowledgedIsLostTheBacklogDrainsAndMemoryStaysBounded()
    {
        await using var fleet = await StartFleetAsync(await ProvisionAsync("P", 24));
        await Task.Delay(TimeSpan.FromSeconds(3));

        var rssBefore = _a.Process.RssMiB() + _b.Process.RssMiB();
        using var sampling = new CancellationTokenSource();
        var peak = SamplePeakRssAsync(sampling.Token);
        await _postgres.StopAsync();
        Log("PostgreSQL stopped");
        var storedAtStop = await RetryCountAsync(fleet);
        await Task.Delay(TimeSpan.FromSeconds(30));
        var acknowledgedAtRestart = fleet.AcknowledgedCount;
        await _postgres.StartAgainAsync();
        var back = Stopwatch.StartNew();
        Npgsql.NpgsqlConnection.ClearAllPools(); // the checker's own pooled connections died with the server
        Log($"PostgreSQL back; the broker acknowledged {acknowledgedAtRestart} readings so far");

        // The backlog drains: every reading the broker had acknowledged until now gets stored, without restarting anything.
        var drained = await UntilAsync(async () => await FaultChecker.StoredCountAsync(_database, fleet.DeviceIds) >= acknowledgedAtRestart,
            "the backlog stored after PostgreSQL came back", TimeSpan.FromSeconds(90));
        var drainSeconds = back.Elapsed.TotalSeconds;
        Log($"backlog drained {drainSeconds:F1} s after PostgreSQL came back");
        var unacknowledged = await fleet.StopAndFlushAsync(TimeSpan.FromSeconds(30));
        await sampling.CancelAsync();
        var rssPeak = await peak;
        // Generous: after the restart, a redelivered reading can meet one stale pooled connection after another, and the
        // node waits up to 30 s (its fault backoff) before each redelivery (docs/scale-out.md, "Fault runs").
        var judging = Stopwatch.StartNew();
        var verdict = await FaultChecker.JudgeAsync("PostgreSQL stopped 30 s", _database, fleet, TimeSpan.FromSeconds(150),
            string.Create(CultureInfo.InvariantCulture,
                $"{acknowledgedAtRestart - storedAtStop} acked by the broker while it was down; backlog drained {drainSeconds:F0} s after; RSS of both nodes {rssBefore:F0} MiB before, peak {rssPeak:F0}, after {_a.Process.RssMiB() + _b.Process.RssMiB():F0}"));
        Report(verdict);
        Log($"every acknowledged reading stored {back.Elapsed.TotalSeconds:F0} s after PostgreSQL came back (checker waited {judging.Elapsed.TotalSeconds:F0} s)");

        Assert.True(drained, "the backlog did not drain");
        Assert.Equal(0, unacknowledged);
        Assert.Equal((0, 0, 0), (verdict.Lost, verdict.Duplicated, verdict.Unexpected));
        Assert.Equal(verdict.Acknowledged, verdict.Stored);
        Assert.True(rssPeak < Math.Max(2 * rssBefore, rssBefore + 512), $"node memory grew from {rssBefore:F0} MiB to {rssPeak:F0} MiB with the store down");
    }

    /// <summary>Both nodes' resident memory, sampled every 500 ms until cancelled: the highest sum seen.</summary>
    private async Task<double> SamplePeakRssAsync(CancellationToken stop)
    {
        var peak = 0.0;
        while (!stop.IsCancellationRequested)
        {
            peak = Math.Max(peak, _a.Process.RssMiB() + _b.Process.RssMiB());
            try
            {
                await Task.Delay(500, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        return peak;
    }

    /// <summary>The stored count, asked as soon as the store answers again (it may be going down right now).</summary>
    private async Task<int> RetryCountAsync(DeviceFleet fleet)
    {
        try
        {
            return await FaultChecker.StoredCountAsync(_database, fleet.DeviceIds);
        }
        catch (Npgsql.NpgsqlException)
        {
            return 0;
        }
    }
}
