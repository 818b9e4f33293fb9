using System.Globalization;
using System.Net;
using Fajma.Server.Monitoring;
using Fajma.Server.Tests.Infrastructure;

namespace Fajma.Server.Tests;

/// <summary>
/// Seed 000 §8.1 as Prometheus metrics, through the real path: a device's readings over HTTP, a doctor watching live,
/// then <c>/metrics</c>. Every host of the test process feeds every host's meters (OpenTelemetry listens by meter
/// name), so each assertion picks this host's series by its <c>node</c> label, which is itself under test; and the
/// classes run alone (<see cref="MetricsRunAlone"/>).
/// </summary>
public abstract class KpiMetricsTests : IAsyncLifetime
{
    private readonly string _node = $"kpi-node-{Guid.NewGuid():N}"[..20];
    private FajmaHost _host = null!;

    /// <summary>A fresh store per test: the fleet gauges count every device in it.</summary>
    protected abstract Task<TestDatabase> DatabaseAsync();

    public async Task InitializeAsync() =>
        _host = await FajmaHost.StartAsync(await DatabaseAsync(), $"--Mqtt:NodeId={_node}");

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task ReadingsAreTimedFromTheDeviceClockToTheCommitAndToTheWatchingScreenUnderThisNodesLabel()
    {
        var (patientId, deviceId) = await _host.RegisterPatientWithDeviceAsync();
        var (hub, observations) = await _host.WatchAsync(patientId);
        await using var _ = hub;

        // Stamped 3 s ago or more by the device: every latency is at least that, so no sample may fall in a bucket up to
        // 2.5 s (an arrival-based timer would put them all there). One at a time, so the outbox never coalesces two. Each
        // further back than the last: a steady 3 s would read as a live device whose clock is 3 s late (DeviceClockTests).
        var pushed = 0;
        for (var i = 0; i < 3; i++)
        {
            var messageId = Guid.NewGuid();
            var response = await _host.Http.PostAsync("/api/v1/iot/realtime-data/",
                Messages.Json(Messages.Standard(deviceId, messageId, DateTimeOffset.UtcNow.AddSeconds(-3 - i), heartRate: 70 + i)));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            foreach (var type in new[] { "heart_rate", "blood_pressure" })
            {
                var live = await Wait.ForAsync(observations, o => o.MessageId == messageId.ToString() && o.Type == type, $"{type} of message {i} on the hub");
                Assert.Equal("device", live.ClockSource);
                pushed++;
            }
        }
        var refused = await _host.Http.PostAsync("/api/v1/iot/realtime-data/",
            Messages.Json(Messages.Standard(deviceId, Guid.NewGuid(), DateTimeOffset.UtcNow, sign: false)));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        // The push is recorded once the send to the connection returned, which may be just after the browser has it.
        var metrics = await ScrapeUntilAsync(m => m.Value("fajma_reading_push_latency_seconds_count") >= pushed, "the push latency of every pushed observation");

        Assert.Equal(3, metrics.Value("fajma_reading_commit_latency_seconds_count"));
        Assert.Equal(0, metrics.Value("fajma_reading_commit_latency_seconds_bucket", ("le", "2.5")));
        Assert.Equal(3, metrics.Value("fajma_reading_commit_latency_seconds_bucket", ("le", "+Inf")));
        Assert.True(metrics.Value("fajma_reading_commit_latency_seconds_sum") >= 9, "each commit is at least 3 s after its device time");
        Assert.Equal(pushed, metrics.Value("fajma_reading_push_latency_seconds_count"));
        Assert.Equal(0, metrics.Value("fajma_reading_push_latency_seconds_bucket", ("le", "2.5")));
        Assert.Equal(pushed, metrics.Value("fajma_reading_server_push_latency_seconds_count")); // arrival → screen: the server's share
        Assert.Equal(3, metrics.Value("fajma_ingest_messages_stored_total"));
        Assert.Equal(1, metrics.Value("fajma_ingest_messages_rejected_total"));
        Assert.Contains($"service_instance_id=\"{_node}\"", metrics.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADeviceClockAheadOfTheServerCountsAsNoLatencyRatherThanANegativeOne()
    {
        var (patientId, deviceId) = await _host.RegisterPatientWithDeviceAsync();
        var (hub, observations) = await _host.WatchAsync(patientId);
        await using var _ = hub;
        var messageId = Guid.NewGuid();

        // One minute fast: accepted (Ingestion:MaxClockAhead is 5 minutes), and device time → commit would be about -60 s.
        var response = await _host.Http.PostAsync("/api/v1/iot/realtime-data/",
            Messages.Json(Messages.Standard(deviceId, messageId, DateTimeOffset.UtcNow.AddMinutes(1))));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Wait.ForAsync(observations, o => o.MessageId == messageId.ToString() && o.Type == "heart_rate", "the fast-clocked heart rate on the hub");

        var metrics = await ScrapeUntilAsync(m => m.Value("fajma_reading_push_latency_seconds_count") >= 1, "the fast-clocked push");
        Assert.Equal(1, metrics.Value("fajma_reading_commit_latency_seconds_bucket", ("le", "0.001")));
        Assert.Equal(0, metrics.Value("fajma_reading_commit_latency_seconds_sum"));
        Assert.Equal(metrics.Value("fajma_reading_push_latency_seconds_count"), metrics.Value("fajma_reading_push_latency_seconds_bucket", ("le", "0.001")));
    }

    [Fact]
    public async Task FleetGaugesCountRegisteredAndActiveDevicesAvailabilityAndConsultationsInProgress()
    {
        await _host.RegisterPatientWithDeviceAsync(); // registered, never heard from
        var (_, deviceId) = await _host.RegisterPatientWithDeviceAsync();
        var response = await _host.Http.PostAsync("/api/v1/iot/realtime-data/", Messages.Json(Messages.Standard(deviceId, Guid.NewGuid(), DateTimeOffset.UtcNow)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        // Sampled now rather than at the next tick (every 15 s): the scrape then reads this sample.
        await _host.App.Services.GetRequiredService<FleetGauges>().SampleAsync(CancellationToken.None);
        var metrics = await ScrapeUntilAsync(m => m.Value("fajma_devices_active") == 1, "one active device");

        Assert.Equal(2, metrics.Value("fajma_devices_registered", ("type", "esp32_monitor")));
        Assert.Equal(0.5, metrics.Value("fajma_devices_availability"));
        Assert.Equal(0, metrics.Value("fajma_consultations_in_progress"));
    }

    private Task<Scrape> ScrapeUntilAsync(Func<Scrape, bool> condition, string what) => Scrape.UntilAsync(_host, _node, condition, what);
}

/// <summary>Prometheus text, read as "the sum of the samples of this name with these labels and this node's".</summary>
internal sealed class Scrape(string text, string node)
{
    public string Text => text;

    public static async Task<Scrape> UntilAsync(FajmaHost host, string node, Func<Scrape, bool> condition, string what)
    {
        Scrape? last = null;
        try
        {
            await Wait.UntilAsync(async () => condition(last = new Scrape(await host.Http.GetStringAsync("/metrics"), node)), what);
        }
        catch (TimeoutException e) when (last is not null)
        {
            // The failure shows what the node did report.
            var series = last.Text.Split('\n').Where(l => l.StartsWith("fajma_", StringComparison.Ordinal) && !l.Contains("_bucket{", StringComparison.Ordinal));
            throw new TimeoutException($"{e.Message}; fajma series:\n{string.Join('\n', series)}", e);
        }
        return last!;
    }

    /// <summary>The same text, read for another node's series.</summary>
    public Scrape Of(string otherNode) => new(text, otherNode);

    public double Value(string name, params (string Key, string Value)[] labels)
    {
        string[] wanted = [$"node=\"{node}\"", .. labels.Select(l => $"{l.Key}=\"{l.Value}\"")];
        return text.Split('\n')
            .Where(line => line.StartsWith(name + "{", StringComparison.Ordinal))
            .Where(line => wanted.All(w => line[..line.LastIndexOf('}')].Contains(w, StringComparison.Ordinal)))
            .Sum(line => double.Parse(line[(line.LastIndexOf('}') + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture));
    }
}

[Collection(MetricsRunAlone.Name)]
public sealed class SqliteKpiMetricsTests : KpiMetricsTests
{
    protected override Task<TestDatabase> DatabaseAsync() => TestDatabase.SqliteAsync();
}

[Collection(MetricsRunAlone.Name)]
public sealed class PostgresKpiMetricsTests : KpiMetricsTests
{
    protected override Task<TestDatabase> DatabaseAsync() => TestDatabase.PostgresAsync();
}
