using System.Diagnostics;
using System.Globalization;
using Fajma.Server.Tests.Infrastructure;

namespace Fajma.Server.Tests;

// A node killed (SIGKILL) mid-stream and started again, five times, alternating.
public sealed partial class ClusterFaultTests
{
    [Fact]
    public async Task KillingANodeFiveTimesAlternatingLosesNothingTheBrokerAcknowledgedAndStoresNothingTwice()
    {
        await using var fleet = await StartFleetAsync(await ProvisionAsync("K", 24));

        var restarts = new List<double>();
        foreach (var node in new[] { _a, _b, _a, _b, _a })
        {
            var before = await FaultChecker.StoredCountAsync(_database, fleet.DeviceIds);
            await UntilAsync(async () => await FaultChecker.StoredCountAsync(_database, fleet.DeviceIds) >= before + 100, "ingest going on before the kill", TimeSpan.FromSeconds(30));
            await node.KillAsync(); // mid-stream: its in-flight readings stay with its session at the broker
            Log($"killed node {node.Name}");
            await Task.Delay(TimeSpan.FromSeconds(1)); // down for a moment: the broker queues its share meanwhile
            var restart = Stopwatch.StartNew();
            await node.StartAsync();
            restarts.Add(restart.Elapsed.TotalSeconds);
            Log($"node {node.Name} back, ready after {restart.Elapsed.TotalSeconds:F1} s");
        }
        await Task.Delay(TimeSpan.FromSeconds(3));
        var unacknowledged = await fleet.StopAndFlushAsync(TimeSpan.FromSeconds(30));

        var verdict = await FaultChecker.JudgeAsync("kill -9 of a node ×5 (A, B, A, B, A)", _database, fleet, TimeSpan.FromSeconds(60),
            string.Create(CultureInfo.InvariantCulture, $"each node down ~1 s, back and ready in {restarts.Min():F1}–{restarts.Max():F1} s"));
        Report(verdict);

        Assert.Equal(0, unacknowledged);
        Assert.Equal((0, 0, 0), (verdict.Lost, verdict.Duplicated, verdict.Unexpected));
        Assert.Equal(verdict.Sent, verdict.Stored);
    }
}
