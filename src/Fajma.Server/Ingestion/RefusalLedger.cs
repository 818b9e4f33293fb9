using Fajma.Server.Platform.Cluster;
using Fajma.Server.Privacy;
using Microsoft.Extensions.Options;

namespace Fajma.Server.Ingestion;

/// <summary>
/// Refused device input is recorded one by one (dead letter, audit row, log line) up to a budget per sender and in
/// all per window; past it, it is only counted, and one audit row per window says how many went unrecorded and from
/// whom. So a flood of anonymous garbage costs the store a bounded amount, while a device developer still sees
/// their first mistakes whole. Metrics count every refusal regardless. On a cluster the budgets are counted in Redis
/// per window (<see cref="TryRecordAsync"/>), so N nodes record what one node would; Redis away: this node's budget.
/// </summary>
public sealed partial class RefusalLedger : IDisposable
{
    private const int TrackedSenders = 10_000;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _bySender = new(StringComparer.Ordinal);
    private readonly ILogger<RefusalLedger> _logger;
    private readonly AuditLog _audit;
    private readonly IngestionOptions _options;
    private readonly TimeProvider _time;
    private readonly ITimer _timer;
    private readonly SharedRedis _redis;
    private DateTimeOffset _windowStart;
    private int _recorded;
    private long _unrecorded;

    // KEYS[1] the window's recorded count, KEYS[2] the sender's count in it; ARGV: expiry (ms), budget in all, budget per sender.
    private const string Budget = """
        local recorded = tonumber(redis.call('GET', KEYS[1]) or '0')
        local mine = redis.call('INCR', KEYS[2])
        if mine == 1 then redis.call('PEXPIRE', KEYS[2], ARGV[1]) end
        if recorded < tonumber(ARGV[2]) and mine <= tonumber(ARGV[3]) then
          redis.call('INCR', KEYS[1])
          redis.call('PEXPIRE', KEYS[1], ARGV[1])
          return 1
        end
        return 0
        """;

    public RefusalLedger(AuditLog audit, IOptions<IngestionOptions> options, TimeProvider time, SharedRedis redis, ILogger<RefusalLedger> logger)
    {
        (_audit, _options, _time, _redis, _logger) = (audit, options.Value, time, redis, logger);
        _windowStart = time.GetUtcNow();
        _timer = time.CreateTimer(_ => CloseWindow(), null, _options.RefusalWindow, _options.RefusalWindow);
    }

    /// <summary>
    /// True when this refusal from <paramref name="sender"/> should be recorded in full; false when only counted. Against
    /// the cluster's budget (windows aligned on the clock) when there is one, else (or Redis away) this node's.
    /// </summary>
    public async ValueTask<bool> TryRecordAsync(string sender)
    {
        if (!_redis.IsClustered) return Count(sender, null);
        var window = (long)_options.RefusalWindow.TotalMilliseconds;
        var index = _time.GetUtcNow().ToUnixTimeMilliseconds() / window;
        var shared = await _redis.TryAsync<bool?>(async db => (int)await db.ScriptEvaluateAsync(Budget,
                [_redis.Key($"refusals:{index}"), _redis.Key($"refusals:{index}:{sender}")],
                [window * 2, _options.RefusalsRecordedPerWindow, _options.RefusalsRecordedPerSender]) == 1,
            (bool?)null, "the refusal budget fell back to this node's");
        return Count(sender, shared);
    }

    /// <summary>Counts the refusal here (for the window's summary); <paramref name="shared"/> is the cluster's verdict, if it gave one.</summary>
    private bool Count(string sender, bool? shared)
    {
        lock (_gate)
        {
            var fromSender = _bySender.GetValueOrDefault(sender);
            var record = shared ?? (_recorded < _options.RefusalsRecordedPerWindow && fromSender < _options.RefusalsRecordedPerSender);
            if (record) _recorded++;
            else _unrecorded++;
            // Past the tracked senders, new ones share one line: many addresses cannot grow this table either.
            if (_bySender.Count < TrackedSenders || _bySender.ContainsKey(sender)) _bySender[sender] = fromSender + 1;
            return record;
        }
    }

    /// <summary>The sender a refusal is charged to: the device the channel proved, else the network address.</summary>
    public static string SenderOf(IngestSource source) =>
        source.ChannelDeviceId is { } device ? $"device {device}" : $"address {source.Peer ?? "unknown"}";

    private void CloseWindow()
    {
        long unrecorded;
        string worst;
        DateTimeOffset from;
        lock (_gate)
        {
            (unrecorded, from) = (_unrecorded, _windowStart);
            worst = string.Join(", ", _bySender.OrderByDescending(s => s.Value).Take(5).Select(s => $"{s.Key} ({s.Value})"));
            (_unrecorded, _recorded, _windowStart) = (0, 0, _time.GetUtcNow());
            _bySender.Clear();
        }
        if (unrecorded == 0) return;
        LogUnrecorded(unrecorded, worst);
        _audit.RecordInBackground(new AuditRecord(AuditActions.RefusalsUnrecorded, null, null, null, null, null,
            $"{unrecorded} refused device messages or connections since {from:O} were counted, not recorded one by one; most from {worst}"));
    }

    public void Dispose() => _timer.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} refused device messages or connections were only counted (budget exceeded); most from {Senders}")]
    private partial void LogUnrecorded(long count, string senders);
}
