using Fajma.Core.Alerts;
using Fajma.Core.Vitals;

namespace Fajma.Server.Alerts;

/// <summary>
/// One patient's alert rules and where each stands, their latest vitals and NEWS2. Readings are fed in arrival
/// order under <see cref="Gate"/>; a reading no newer than the last one of its sign (a redelivery, a late
/// straggler) is charted but does not move the rules. The patient's alarm profile (night limits, delays, trend rules)
/// and snoozes come with the watch, so the reading path reads no store; an edit reloads the watch.
/// </summary>
public sealed class PatientWatch(int patientId, IReadOnlyList<ProfiledRule> rules, IReadOnlyList<int> careTeam, bool isAdult,
    News2Inputs inputs, DateTimeOffset loadedAt, Profiles.AlarmSettings? settings = null)
{
    /// <summary>NEWS2 scores the latest observation set; a value older than this is not part of it.</summary>
    public static readonly TimeSpan News2Freshness = TimeSpan.FromHours(1);

    /// <summary>Medium risk (aggregate ≥ 5) raises; back to ≤ 4 twice in a row resolves. The NEWS2 value is its total.</summary>
    private static readonly ThresholdRule s_news2Rule = new("news2", Above: true, 4.5, AlertSeverity.Major, Hysteresis: 0.5);

    private readonly Dictionary<string, RuleState> _states = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TrendState> _trends = new(StringComparer.Ordinal);
    private readonly Dictionary<VitalSignType, (double Value, DateTimeOffset At)> _latest = [];
    private readonly Dictionary<VitalSignType, DateTimeOffset> _evaluated = [];

    public Lock Gate { get; } = new();

    /// <summary>On a cluster, one evaluation at a time per patient on this node, across the round trip to <see cref="WatchStates"/>.</summary>
    public SemaphoreSlim Serial { get; } = new(1, 1);

    /// <summary>The version of the shared state this watch last read or wrote (<see cref="WatchStates"/>); 0 before any.</summary>
    public long Version { get; set; }

    public int PatientId { get; } = patientId;

    public IReadOnlyList<ProfiledRule> Rules { get; } = rules;

    public Profiles.AlarmSettings Settings { get; } = settings ?? Profiles.AlarmSettings.None;

    /// <summary>The severity of one of the patient's rules as it stands, or null if the patient has no such rule.</summary>
    public AlertSeverity? SeverityOf(string rule) =>
        Rules.FirstOrDefault(r => r.Key == rule)?.Severity
        ?? Settings.Profile.Trends.FirstOrDefault(t => t.Key == rule)?.Severity
        ?? (rule == s_news2Rule.Key || rule.StartsWith(NoDataWatch.Rule(""), StringComparison.Ordinal) ? AlertSeverity.Major : null);

    public IReadOnlyList<int> CareTeam { get; } = careTeam;

    /// <summary>NEWS2 is validated for adults (16 and over) only; for a child it is neither computed nor shown.</summary>
    public bool IsAdult { get; } = isAdult;

    public News2Inputs Inputs { get; set; } = inputs;

    private long _loadedAt = loadedAt.UtcTicks;

    /// <summary>When its rules were last read from the store.</summary>
    public DateTimeOffset LoadedAt => new(Volatile.Read(ref _loadedAt), TimeSpan.Zero);

    public News2Score? News2 { get; private set; }

    public DateTimeOffset? News2At { get; private set; }

    /// <summary>Replaced by a reloaded watch that took its state over (under <see cref="Gate"/>): a reading moves the new one instead.</summary>
    public bool Retired { get; private set; }

    private int _refreshing;

    /// <summary>True for the one caller that should reload this watch's rules in the background.</summary>
    public bool TryClaimRefresh() => Interlocked.CompareExchange(ref _refreshing, 1, 0) == 0;

    /// <summary>The background reload failed: the next reading may try again.</summary>
    public void ReleaseRefresh() => Volatile.Write(ref _refreshing, 0);

    /// <summary>True if rules read again would be the ones this watch holds: a reload that finds them needs no new watch.</summary>
    public bool IsBuiltFrom(IReadOnlyList<ProfiledRule> rules, IReadOnlyList<int> careTeam, bool isAdult, News2Inputs inputs, Profiles.AlarmSettings settings) =>
        Rules.SequenceEqual(rules) && CareTeam.SequenceEqual(careTeam) && IsAdult == isAdult && Inputs == inputs && Settings.Version == settings.Version;

    /// <summary>Its rules read again at <paramref name="at"/> and found unchanged: fresh from then, open to the next reload.</summary>
    public void Reloaded(DateTimeOffset at)
    {
        Volatile.Write(ref _loadedAt, at.UtcTicks);
        ReleaseRefresh();
    }

    /// <summary>
    /// Carries rule states and latest vitals over from the watch this one replaces (rules reloaded), and retires it.
    /// Call under both gates, so no reading moves the previous watch after its state was copied.
    /// </summary>
    public void TakeOver(PatientWatch previous)
    {
        ArgumentNullException.ThrowIfNull(previous);
        previous.Retired = true;
        foreach (var (key, state) in previous._states) _states[key] = state;
        foreach (var (key, trend) in previous._trends) _trends[key] = trend;
        foreach (var (type, latest) in previous._latest) _latest[type] = latest;
        foreach (var (type, at) in previous._evaluated) _evaluated[type] = at;
        (News2, News2At) = (previous.News2, previous.News2At);
    }

    /// <summary>Where the rules stand, to share with the other nodes.</summary>
    public WatchState Export() => new(
        new Dictionary<string, RuleState>(_states, StringComparer.Ordinal),
        [.. _latest.Select(l => new WatchState.Latest(l.Key, l.Value.Value, l.Value.At, _evaluated.TryGetValue(l.Key, out var e) ? e : null))],
        new Dictionary<string, TrendState>(_trends, StringComparer.Ordinal));

    /// <summary>Takes the state another node wrote: it replaces this node's, which is older.</summary>
    public void Import(WatchState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        _states.Clear();
        foreach (var (key, rule) in state.Rules) _states[key] = rule;
        _trends.Clear();
        foreach (var (key, trend) in state.Trends ?? new Dictionary<string, TrendState>()) _trends[key] = trend;
        _latest.Clear();
        _evaluated.Clear();
        foreach (var latest in state.Vitals)
        {
            _latest[latest.Type] = (latest.Value, latest.At);
            if (latest.EvaluatedAt is { } at) _evaluated[latest.Type] = at;
        }
    }

    /// <summary>
    /// Marks a rule as open: its alert was raised before a restart, or before the rules were reloaded. A state carried over
    /// from the watch this one replaces and already open is kept: it may be one in-range reading from resolving.
    /// </summary>
    public void MarkOpen(string rule)
    {
        if (rule.StartsWith("trend:", StringComparison.Ordinal)) _trends[rule] = _trends.GetValueOrDefault(rule, TrendState.Initial) with { Open = true };
        else if (!(_states.TryGetValue(rule, out var carried) && carried.Open)) _states[rule] = new RuleState(true, 0, 0);
    }

    /// <summary>Someone resolved the alert by hand: the rule starts counting afresh.</summary>
    public void Reset(string rule)
    {
        _states.Remove(rule);
        if (_trends.TryGetValue(rule, out var trend)) _trends[rule] = trend with { Open = false };
    }

    /// <param name="clockDoubtful">
    /// The device's clock is off beyond the tolerance: its readings cannot be placed in time, so they move no rule
    /// (delays, nights and trends all depend on when) and never page — shown, like a low-quality reading.
    /// </param>
    public List<WatchOutcome> Observe(IReadOnlyList<Measurement> measurements, DateTimeOffset? deviceTime, DateTimeOffset receivedAt, bool clockDoubtful = false)
    {
        var outcomes = new List<WatchOutcome>();
        if (clockDoubtful) return outcomes;
        var counted = 0;
        foreach (var m in measurements)
        {
            // Only a device's own clock tells a redelivery from a new reading; server-stamped readings are each new.
            var own = m.MeasuredAt ?? deviceTime;
            if (own is { } t && _evaluated.TryGetValue(m.Type, out var last) && t <= last) continue;
            var at = own ?? receivedAt;
            _evaluated[m.Type] = at;
            _latest[m.Type] = (m.Value, at);
            counted++;
            var sign = VitalSigns.Get(m.Type);
            var night = Settings.Night.IsNight(at);
            // Indexed loops, and an alert's text written only when it changes: this runs for every reading, so no closure or
            // enumerator each time.
            for (var i = 0; i < Rules.Count; i++)
            {
                var rule = Rules[i];
                if (rule.Day.Type == sign.WireName && Apply(rule, m.Value, m.Quality, at, night, receivedAt) is { } change)
                    outcomes.Add(new WatchOutcome(change, AlertKind.Threshold, rule.Key, rule.Severity, ThresholdContent(rule.At(night), sign, m.Value), at));
            }
            if (m.Quality is { } q && q < ThresholdRule.DefaultMinQuality) continue; // doubtful: moves no trend either
            for (var i = 0; i < Settings.Profile.Trends.Count; i++)
            {
                var trend = Settings.Profile.Trends[i];
                if (trend.Type == sign.WireName && ApplyTrend(trend, m.Value, at, receivedAt, sign.Display, sign.DisplayUnit) is { } moved)
                    outcomes.Add(moved);
            }
        }
        if (IsAdult && counted > 0) ScoreNews2(receivedAt, outcomes);
        return outcomes;
    }

    /// <summary>Scores NEWS2 again (the clinician's inputs changed); nothing for a child.</summary>
    public List<WatchOutcome> Rescore(DateTimeOffset now)
    {
        var outcomes = new List<WatchOutcome>();
        if (IsAdult) ScoreNews2(now, outcomes);
        return outcomes;
    }

    /// <summary>What the reading does to the rule's alert: raise, resolve or fold it into the open one; null for nothing.</summary>
    /// <param name="now">The server's time: a snooze's expiry is a wall-clock time, whatever the device's clock says.</param>
    private WatchOutcomeKind? Apply(ProfiledRule rule, double value, int? quality, DateTimeOffset at, bool night, DateTimeOffset now)
    {
        var state = _states.GetValueOrDefault(rule.Key, RuleState.Initial);
        var (next, result) = ProfiledRuleEvaluator.Evaluate(rule, state, value, quality, at, night, Settings.IsSnoozed(rule.Key, now));
        _states[rule.Key] = next;
        return result switch
        {
            RuleOutcome.Raised => WatchOutcomeKind.Raise,
            RuleOutcome.Resolved => WatchOutcomeKind.Resolve,
            RuleOutcome.None when state.Open && rule.At(night).IsBeyond(value) => WatchOutcomeKind.Fold,
            _ => null,
        };
    }

    /// <summary>A trend rule moved by one value: what changed, its text written only then (most values change nothing).</summary>
    private WatchOutcome? ApplyTrend(TrendRule rule, double value, DateTimeOffset at, DateTimeOffset now, string display, string? unit)
    {
        var (next, result) = TrendEvaluator.Evaluate(rule, _trends.GetValueOrDefault(rule.Key, TrendState.Initial), value, at, Settings.IsSnoozed(rule.Key, now));
        _trends[rule.Key] = next;
        WatchOutcomeKind? change = result switch
        {
            RuleOutcome.Raised => WatchOutcomeKind.Raise,
            RuleOutcome.Resolved => WatchOutcomeKind.Resolve,
            _ => null,
        };
        return change is { } kind ? new WatchOutcome(kind, AlertKind.Trend, rule.Key, rule.Severity, TrendContent(rule, display, unit, value), at) : null;
    }

    private static AlertContent TrendContent(TrendRule rule, string display, string? unit, double value) => new(
        $"{display} {(rule.Rising ? "up" : "down")} {Format(rule.Change)}{(unit is null ? "" : " " + unit)} or more within {rule.Window.TotalMinutes:0} min: now {Format(value)}{(unit is null ? "" : " " + unit)}",
        rule.Type, rule.Change, value, unit);

    private static AlertContent ThresholdContent(ThresholdRule rule, VitalSignDefinition sign, double value) => new(
        $"{sign.Display} {(rule.Above ? "above" : "below")} {Format(rule.Limit)} {sign.DisplayUnit}: {Format(value)} {sign.DisplayUnit}",
        sign.WireName, rule.Limit, value, sign.DisplayUnit);

    /// <summary>
    /// Scores the latest observation set. A partial score (a parameter not measured, consciousness not entered) is a
    /// lower bound of the full one, since a missing parameter can only add: so a partial 5 already calls for a response.
    /// </summary>
    private void ScoreNews2(DateTimeOffset now, List<WatchOutcome> outcomes)
    {
        double? Fresh(VitalSignType type) => _latest.TryGetValue(type, out var v) && v.At >= now - News2Freshness ? v.Value : null;
        var score = Core.Alerts.News2.Score(new News2Input(Fresh(VitalSignType.RespiratoryRate), Fresh(VitalSignType.OxygenSaturation), Inputs.UseScale2,
            Inputs.OnSupplementalOxygen, Fresh(VitalSignType.BloodPressure), Fresh(VitalSignType.HeartRate), Inputs.Consciousness, Fresh(VitalSignType.BodyTemperature)));
        // A score over other signs than the last (a device joined, a sign went stale) is not comparable: a trend not raised
        // starts afresh (a raised one keeps its window, so a silent device does not resolve a deterioration).
        var comparable = News2 is { } last && last.Missing.SequenceEqual(score.Missing, StringComparer.Ordinal);
        // An unchanged score keeps the one held (records compare by value; the missing lists are shared): a new one per
        // reading, kept until the next, would be copied up by the collector with every patient's (issue 15, nineteenth session).
        if (News2 is { } held && held == score) score = held;
        (News2, News2At) = (score, now);
        var severity = score.Risk == News2Risk.High ? AlertSeverity.Critical : AlertSeverity.Major;
        var rule = ProfiledRule.Plain(s_news2Rule with { Severity = severity });
        // Written only for an alert that is raised, resolved or folded: most scores change nothing.
        AlertContent Content() => new($"NEWS2 {score.Total} ({RiskText(score.Risk)} clinical risk){(score.IsComplete ? "" : $", partial: {string.Join(", ", score.Missing)} missing")}",
            "news2", 5, score.Total);
        if (Apply(rule, score.Total, null, now, false, now) is { } change)
            outcomes.Add(new WatchOutcome(change, AlertKind.News2, rule.Key, rule.Severity, Content(), now));
        for (var i = 0; i < Settings.Profile.Trends.Count; i++)
        {
            var trend = Settings.Profile.Trends[i];
            if (trend.Type != "news2") continue;
            if (!comparable && _trends.TryGetValue(trend.Key, out var kept) && !kept.Open) _trends[trend.Key] = kept with { Samples = [] };
            if (ApplyTrend(trend, score.Total, now, now, "NEWS2", null) is { } rise) outcomes.Add(rise);
        }
    }

    public static string RiskText(News2Risk risk) => risk switch
    {
        News2Risk.High => "high",
        News2Risk.Medium => "medium",
        News2Risk.LowMedium => "low-medium",
        _ => "low",
    };

    private static string Format(double value) => value.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
}
