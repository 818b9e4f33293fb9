using System.Text.Json;
using System.Threading.Channels;
using Fajma.Core.Crypto;
using Fajma.Server.Privacy;
using Fajma.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Fajma.Server.Alerts;

/// <summary>
/// The alert lane to the store: every change to an alert is written here, behind its live delivery. One writer,
/// batched; a change someone waits for (an acknowledgement, a device's alert before its PUBACK) completes once
/// committed. A failed write is retried, never dropped; stopping drains what is queued.
/// </summary>
public sealed partial class AlertJournal(IDbContextFactory<FajmaDbContext> store, PatientKeys keys, ILogger<AlertJournal> logger) : BackgroundService
{
    private readonly Channel<(Alert? Row, AlertContent? Content, TaskCompletionSource? Done)> _queue =
        Channel.CreateUnbounded<(Alert?, AlertContent?, TaskCompletionSource?)>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Queues the alert's current state; returns at once.</summary>
    public void Record(OpenAlert alert) => Enqueue(alert, null);

    /// <summary>Queues the alert's current state and waits until it is committed.</summary>
    public Task RecordAsync(OpenAlert alert, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Enqueue(alert, done);
        return done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Completes once every change queued before it is committed: a read after it sees them all.</summary>
    public Task FlushAsync(CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite((null, null, done))) return Task.CompletedTask; // stopped: nothing more will be written
        return done.Task.WaitAsync(cancellationToken);
    }

    private void Enqueue(OpenAlert alert, TaskCompletionSource? done)
    {
        ArgumentNullException.ThrowIfNull(alert);
        Alert row;
        AlertContent content;
        lock (alert.Gate)
        {
            row = new Alert
            {
                Id = alert.Id, PatientId = alert.PatientId, Kind = alert.Kind, Rule = alert.Rule, Severity = alert.Severity, Status = alert.Status,
                DeviceId = alert.DeviceId, SourceMessageId = alert.SourceMessageId, RaisedAt = alert.RaisedAt, LastSeenAt = alert.LastSeenAt,
                Occurrences = alert.Occurrences, EscalationLevel = alert.EscalationLevel, AcknowledgedBy = alert.AcknowledgedBy,
                AcknowledgedAt = alert.AcknowledgedAt, ResolvedBy = alert.ResolvedBy, ResolvedAt = alert.ResolvedAt, Outcome = alert.Outcome, Sealed = [],
            };
            content = alert.Content;
        }
        if (!_queue.Writer.TryWrite((row, content, done))) done?.TrySetException(new InvalidOperationException("the alert journal has stopped"));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete(); // drain: ExecuteAsync ends once the queue is empty
        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = _queue.Reader;
        var batch = new List<(Alert? Row, AlertContent? Content, TaskCompletionSource? Done)>();
        while (await reader.WaitToReadAsync(CancellationToken.None))
        {
            batch.Clear();
            while (batch.Count < 256 && reader.TryRead(out var item)) batch.Add(item);
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await WriteAsync(batch);
                    break;
                }
                catch (Exception e) when (e is DbUpdateException or System.Data.Common.DbException or InvalidOperationException)
                {
                    LogWriteFailed(e, batch.Count, attempt);
                    await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(5000, 50 * attempt)), CancellationToken.None);
                }
            }
            foreach (var (_, _, done) in batch) done?.TrySetResult();
        }
    }

    private async Task WriteAsync(List<(Alert? Row, AlertContent? Content, TaskCompletionSource? Done)> batch)
    {
        // The last state of each alert in the batch is the one that counts; flush markers carry no row.
        var latest = batch.Where(b => b.Row is not null).GroupBy(b => b.Row!.Id).Select(g => (Row: g.Last().Row!, Content: g.Last().Content!)).ToList();
        if (latest.Count == 0) return;
        await using var db = store.CreateDbContext();
        var ids = latest.Select(b => b.Row.Id).ToList();
        var existing = await db.Alerts.Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id);
        foreach (var (row, content) in latest)
        {
            row.Sealed = Seal(await keys.GetOrCreateAsync(row.PatientId ?? PatientKeys.Platform, CancellationToken.None), row.PatientId, row.Id, content);
            if (existing.TryGetValue(row.Id, out var stored)) db.Entry(stored).CurrentValues.SetValues(Later(stored, row));
            else db.Alerts.Add(row);
        }
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// On a cluster two nodes may write one alert (raised on one, acknowledged on the other): a write never sets the
    /// stored alert back to an earlier status, a lower escalation level or count.
    /// </summary>
    private static Alert Later(Alert stored, Alert row)
    {
        if (stored.Status > row.Status)
            (row.Status, row.AcknowledgedBy, row.AcknowledgedAt, row.ResolvedBy, row.ResolvedAt, row.Outcome, row.Sealed) =
                (stored.Status, stored.AcknowledgedBy, stored.AcknowledgedAt, stored.ResolvedBy, stored.ResolvedAt, stored.Outcome, stored.Sealed);
        row.EscalationLevel = Math.Max(row.EscalationLevel, stored.EscalationLevel);
        row.Occurrences = Math.Max(row.Occurrences, stored.Occurrences);
        return row;
    }

    public static byte[] Seal(byte[] key, int? patientId, Guid id, AlertContent content) =>
        TextSeal.Seal(key, patientId ?? PatientKeys.Platform, Record(id), JsonSerializer.Serialize(content, AlertsJsonContext.Default.AlertContent));

    public static AlertContent Open(byte[] key, Alert row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return JsonSerializer.Deserialize(TextSeal.Open(key, row.PatientId ?? PatientKeys.Platform, Record(row.Id), row.Sealed), AlertsJsonContext.Default.AlertContent)!;
    }

    private static string Record(Guid id) => $"alert|{id:N}";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing {Count} alert changes failed (attempt {Attempt}); retrying")]
    private partial void LogWriteFailed(Exception e, int count, int attempt);
}
