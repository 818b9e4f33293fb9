using Fajma.Core.Alerts;
using Fajma.Server.Platform;
using Microsoft.Extensions.Options;

namespace Fajma.Server.Alerts;

/// <summary>
/// Seed 000 §6.2: every <see cref="AlertOptions.SystemCheckEvery"/> the platform measures itself over the last window —
/// connection quality (watched devices not silent), data loss (refused among received), average latency from
/// arrival to commit, device failures (devices silent) — against <see cref="SystemHealthRules"/>. A limit crossed
/// twice in a row raises a system alert for the admins; recovering resolves it.
/// </summary>
public sealed partial class SystemMonitor(AlertEngine engine, OpenAlerts open, NoDataWatch silence, IIntakeFacts ingestion,
    IOptions<AlertOptions> options, TimeProvider time, ILogger<SystemMonitor> logger) : BackgroundService
{
    private readonly Dictionary<string, RuleState> _states = new(StringComparer.Ordinal);
    private (long Stored, long Rejected, TimeSpan Latency, long Count) _last;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _last = Snapshot();
        using var timer = new PeriodicTimer(options.Value.SystemCheckEvery, time);
        while (await timer.NextTickAsync(stoppingToken))
        {
            try
            {
                await CheckAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogCheckFailed(e);
            }
        }
    }

    /// <summary>The four measures over the window since the last check.</summary>
    public IReadOnlyDictionary<string, double> Measure()
    {
        var now = Snapshot();
        var (stored, rejected) = (now.Stored - _last.Stored, now.Rejected - _last.Rejected);
        var latencyCount = now.Count - _last.Count;
        var latency = latencyCount == 0 ? 0 : (now.Latency - _last.Latency).TotalMilliseconds / latencyCount;
        _last = now;
        var failures = open.All.Count(a => a.Kind == AlertKind.NoData);
        var watched = silence.WatchedCount;
        return new Dictionary<string, double>(StringComparer.Ordinal)
        {
            [SystemHealthRules.ConnectionQuality] = watched == 0 ? 1 : (double)(watched - Math.Min(failures, watched)) / watched,
            [SystemHealthRules.DataLossRate] = stored + rejected == 0 ? 0 : (double)rejected / (stored + rejected),
            [SystemHealthRules.LatencyAverage] = latency,
            [SystemHealthRules.DeviceFailures] = failures,
        };
    }

    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        var measures = Measure();
        foreach (var rule in SystemHealthRules.All)
        {
            var value = measures[rule.Type];
            var (state, outcome) = AlertRuleEvaluator.Evaluate(rule, _states.GetValueOrDefault(rule.Type, RuleState.Initial), value, null);
            _states[rule.Type] = state;
            var key = $"system:{rule.Type}";
            if (outcome == RuleOutcome.Raised)
            {
                var title = $"System: {rule.Type} {(rule.Above ? "above" : "below")} {rule.Limit.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
                await engine.RaiseAsync(AlertKind.System, null, key, rule.Severity,
                    new AlertContent(title, rule.Type, rule.Limit, Math.Round(value, 3)), null, cancellationToken);
            }
            else if (outcome == RuleOutcome.Resolved)
            {
                engine.ResolveByItself(null, key);
            }
        }
    }

    private (long Stored, long Rejected, TimeSpan Latency, long Count) Snapshot()
    {
        var (latency, count) = ingestion.Latency;
        return (ingestion.StoredTotal, ingestion.RejectedTotal, latency, count);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "System health check failed; retrying at the next tick")]
    private partial void LogCheckFailed(Exception e);
}
