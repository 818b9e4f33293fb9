using System.Globalization;
using Fajma.Core.Alerts;

namespace Fajma.Server.Alerts;

/// <summary>
/// An alert not yet resolved, held in memory: the engine folds readings into it, people acknowledge it, the
/// escalator pages for it — all without a database round trip on the alert path. Every change is journaled
/// (<see cref="AlertJournal"/>). Changes happen under <see cref="Gate"/>.
/// </summary>
public sealed class OpenAlert
{
    public Lock Gate { get; } = new();

    public required Guid Id { get; init; }

    public int? PatientId { get; init; }

    public AlertKind Kind { get; init; }

    public required string Rule { get; init; }

    public AlertSeverity Severity { get; set; }

    public AlertStatus Status { get; set; }

    public string? DeviceId { get; init; }

    public string? SourceMessageId { get; init; }

    public DateTimeOffset RaisedAt { get; init; }

    public DateTimeOffset LastSeenAt { get; set; }

    public int Occurrences { get; set; } = 1;

    public required AlertContent Content { get; set; }

    public int EscalationLevel { get; set; }

    /// <summary>The patient's care team in paging order, as of the last page.</summary>
    public IReadOnlyList<int> CareTeam { get; set; } = [];

    public int? AcknowledgedBy { get; set; }

    public string? AcknowledgedByName { get; set; }

    public DateTimeOffset? AcknowledgedAt { get; set; }

    public int? ResolvedBy { get; set; }

    public string? ResolvedByName { get; set; }

    public DateTimeOffset? ResolvedAt { get; set; }

    /// <summary>When whoever is paged hears about it again if still unacknowledged.</summary>
    /// <summary>The escalation level whose pages are being watched for an answer, and when to look (null: nothing more to look at).</summary>
    public int PageCheckLevel { get; set; } = -1;

    public DateTimeOffset? PageCheckAt { get; set; }

    public DateTimeOffset? NextReminderAt { get; set; }

    /// <summary>When a folded reading was last journaled: folds are written at most every few seconds.</summary>
    public DateTimeOffset JournaledAt { get; set; }

    public IReadOnlyList<int> Paged => AlertEscalation.PagedDoctors(CareTeam, EscalationLevel);

    public bool AdminsPaged => Kind == AlertKind.System || AlertEscalation.PagesAdmins(CareTeam.Count, EscalationLevel);

    public AlertDto ToDto(string @event) => new(
        Id, PatientId, Name(Kind), Rule, Name(Severity), Name(Status), @event,
        Content.Title, Content.VitalType, Content.Limit, Content.Value, Content.Unit, Content.Detail, Content.Confidence, Content.Measurements,
        DeviceId, RaisedAt, LastSeenAt, Occurrences,
        AcknowledgedBy, AcknowledgedByName, AcknowledgedAt, ResolvedBy, ResolvedByName, ResolvedAt, Content.Note,
        EscalationLevel, Status == AlertStatus.Raised ? Paged : [], Status == AlertStatus.Raised && AdminsPaged);

    /// <summary>An alert as stored, with its opened content; <paramref name="names"/> maps the people who acted on it to their names.</summary>
    public static OpenAlert FromStored(Storage.Alert row, AlertContent content, IReadOnlyDictionary<int, string> names)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(names);
        return new OpenAlert
        {
            Id = row.Id, PatientId = row.PatientId, Kind = row.Kind, Rule = row.Rule, Severity = row.Severity, Status = row.Status, DeviceId = row.DeviceId,
            SourceMessageId = row.SourceMessageId, RaisedAt = row.RaisedAt, LastSeenAt = row.LastSeenAt, Occurrences = row.Occurrences,
            Content = content, EscalationLevel = row.EscalationLevel, JournaledAt = row.LastSeenAt,
            AcknowledgedBy = row.AcknowledgedBy, AcknowledgedAt = row.AcknowledgedAt, AcknowledgedByName = row.AcknowledgedBy is { } a ? names.GetValueOrDefault(a) : null,
            ResolvedBy = row.ResolvedBy, ResolvedAt = row.ResolvedAt, ResolvedByName = row.ResolvedBy is { } r ? names.GetValueOrDefault(r) : null,
        };
    }

    /// <summary>An alert another node raised, as it told us (<see cref="AlertChange"/>).</summary>
    public static OpenAlert FromChange(AlertChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var dto = change.Alert;
        var alert = new OpenAlert
        {
            Id = dto.Id, PatientId = dto.PatientId, Kind = Enum.Parse<AlertKind>(dto.Kind, ignoreCase: true), Rule = dto.Rule,
            SourceMessageId = change.SourceMessageId, DeviceId = dto.DeviceId, RaisedAt = dto.RaisedAt, JournaledAt = dto.LastSeenAt, Content = ContentOf(dto),
        };
        alert.Merge(change, Enum.Parse<AlertStatus>(dto.Status, ignoreCase: true));
        return alert;
    }

    /// <summary>Takes in what another node did to this alert; under <see cref="Gate"/>. Nothing moves backwards.</summary>
    public void Merge(AlertChange change, AlertStatus status)
    {
        ArgumentNullException.ThrowIfNull(change);
        var dto = change.Alert;
        if (status > Status) Status = status;
        var severity = Enum.Parse<AlertSeverity>(dto.Severity, ignoreCase: true);
        if (severity > Severity) Severity = severity;
        if (dto.LastSeenAt >= LastSeenAt) (LastSeenAt, Content) = (dto.LastSeenAt, ContentOf(dto));
        Occurrences = Math.Max(Occurrences, dto.Occurrences);
        if (dto.EscalationLevel >= EscalationLevel) (EscalationLevel, CareTeam) = (dto.EscalationLevel, change.CareTeam);
        if (AcknowledgedAt is null && dto.AcknowledgedAt is not null)
            (AcknowledgedBy, AcknowledgedByName, AcknowledgedAt) = (dto.AcknowledgedBy, dto.AcknowledgedByName, dto.AcknowledgedAt);
        if (ResolvedAt is null && dto.ResolvedAt is not null) (ResolvedBy, ResolvedByName, ResolvedAt) = (dto.ResolvedBy, dto.ResolvedByName, dto.ResolvedAt);
    }

    private static AlertContent ContentOf(AlertDto dto) =>
        new(dto.Title, dto.VitalType, dto.Limit, dto.Value, dto.Unit, dto.Detail, dto.Confidence, dto.Measurements, dto.ResolutionNote);

    public static string Name<T>(T value) where T : struct, Enum => value.ToString().ToLower(CultureInfo.InvariantCulture);
}
