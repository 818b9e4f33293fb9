using System.Linq.Expressions;
using Fajma.Core.Consultations;
using Fajma.Server.Live;
using Fajma.Server.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fajma.Server.Devices.Control;

/// <summary>
/// The stored lifecycle of requested commands (control and calibration): queued → sent → delivered → successful | failed |
/// timeout | expired. Every change is one conditional UPDATE that moves a command forward only, so nodes sharing the store
/// (each hears every answer) record each change once, and only the node that made it tells the patient's watchers.
/// Sending is claimed the same way (<see cref="DeviceCommand.ClaimedUntil"/>): one node sends each command, once.
/// </summary>
public sealed partial class DeviceCommandLifecycle(IDbContextFactory<FajmaDbContext> store, IDeviceCommandChannel channel, LiveFeed feed,
    QueuedDeviceCommands queued, IOptions<DeviceControlOptions> options, TimeProvider time, ILogger<DeviceCommandLifecycle> logger)
{
    private static readonly TimeSpan s_claimFor = TimeSpan.FromSeconds(30);
    private static readonly DeviceCommandStatus[] s_unanswered = [DeviceCommandStatus.Queued, DeviceCommandStatus.Sent, DeviceCommandStatus.Delivered];

    /// <summary>The read shared by every query: each command with its device's patient (whose watchers hear of it).</summary>
    public static IQueryable<CommandRow> WithPatient(FajmaDbContext db, IQueryable<DeviceCommand> commands)
    {
        ArgumentNullException.ThrowIfNull(db);
        return commands.Join(db.Devices, c => c.DeviceId, d => d.Id, (c, d) => new CommandRow(c, d.PatientId));
    }

    public async Task<DeviceCommandDto?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = store.CreateDbContext();
        var row = await WithPatient(db, db.DeviceCommands.AsNoTracking().Where(c => c.CorrelationId == id)).SingleOrDefaultAsync(cancellationToken);
        return row?.ToDto();
    }

    /// <summary>Tells the patient's watchers of a new command.</summary>
    public async Task AnnounceAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, cancellationToken) is { } dto) feed.Publish(DeviceControlChannels.Command, dto);
    }

    /// <summary>What a device said: its PUBACK (delivered), or its answer. Commands nobody requested (the handshake's) are not ours.</summary>
    public async Task RecordAsync(DeviceCommandAck ack, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ack);
        if (ack.Kind == DeviceCommandAckKind.Delivered)
        {
            await ChangeAsync(ack.CorrelationId, DeviceCommandStatus.Delivered, null, [DeviceCommandStatus.Queued, DeviceCommandStatus.Sent], cancellationToken);
            return;
        }
        var status = ack.Kind == DeviceCommandAckKind.Succeeded ? DeviceCommandStatus.Successful : DeviceCommandStatus.Failed;
        await ChangeAsync(ack.CorrelationId, status, ack.Detail, s_unanswered, cancellationToken, ack.DeviceId);
    }

    /// <summary>
    /// Sends what waits for <paramref name="deviceId"/> (or for every device), oldest first, over MQTT. A device that cannot be
    /// reached keeps its commands queued for its next connection.
    /// </summary>
    public async Task SendPendingAsync(string? deviceId, CancellationToken cancellationToken)
    {
        // A device that just connected almost never has commands waiting, and after a restart thousands connect at once:
        // the prepared point read says no for a fraction of the claiming query's cost.
        if (deviceId is not null && !await queued.AnyForAsync(deviceId, cancellationToken)) return;
        foreach (var (command, device) in await ClaimAsync(deviceId, channel.MayReachAsync, cancellationToken))
        {
            bool sent;
            try
            {
                sent = await channel.PublishCommandAsync(device, command.ToUtf8(), cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogSendFailed(e, command.CorrelationId, device);
                sent = false;
            }
            await using var db = store.CreateDbContext();
            if (!sent)
            {
                await db.DeviceCommands.Where(c => c.CorrelationId == command.CorrelationId)
                    .ExecuteUpdateAsync(set => set.SetProperty(c => c.ClaimedUntil, (DateTimeOffset?)null), CancellationToken.None);
                continue;
            }
            var now = time.GetUtcNow();
            // The device's PUBACK may already have moved it on: then only the time it went out is recorded.
            await db.DeviceCommands.Where(c => c.CorrelationId == command.CorrelationId && c.SentAt == null)
                .ExecuteUpdateAsync(set => set.SetProperty(c => c.SentAt, now), CancellationToken.None);
            await ChangeAsync(command.CorrelationId, DeviceCommandStatus.Sent, null, [DeviceCommandStatus.Queued], CancellationToken.None);
        }
    }

    /// <summary>
    /// An HTTP-only device just posted: its waiting commands ride on the answer, and count as delivered once that answer is
    /// written (the device answers each on its ack route).
    /// </summary>
    public async Task<IReadOnlyList<DeviceCommandWire>> TakeForHttpAsync(string deviceId, CancellationToken cancellationToken)
    {
        if (!await queued.AnyForAsync(deviceId, cancellationToken)) return [];
        var claimed = await ClaimAsync(deviceId, null, cancellationToken);
        if (claimed.Count == 0) return [];
        var now = time.GetUtcNow();
        await using (var db = store.CreateDbContext())
        {
            var ids = claimed.Select(c => c.Command.CorrelationId).ToList();
            await db.DeviceCommands.Where(c => ids.Contains(c.CorrelationId) && c.SentAt == null)
                .ExecuteUpdateAsync(set => set.SetProperty(c => c.SentAt, now), CancellationToken.None);
        }
        foreach (var (command, _) in claimed)
            await ChangeAsync(command.CorrelationId, DeviceCommandStatus.Delivered, "in the answer to the device's post", [DeviceCommandStatus.Queued], CancellationToken.None);
        return [.. claimed.Select(c => c.Command)];
    }

    /// <summary>Ends what waited past its time to live (never sent: expired) and what was sent but never answered (timeout).</summary>
    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var answerBy = now - options.Value.AnswerTimeout;
        List<Guid> lapsed, unanswered;
        await using (var db = store.CreateDbContext())
        {
            lapsed = await db.DeviceCommands.AsNoTracking()
                .Where(c => c.Status == DeviceCommandStatus.Queued && c.RequestedBy != null && c.ExpiresAt <= now && (c.ClaimedUntil == null || c.ClaimedUntil < now))
                .OrderBy(c => c.ExpiresAt).Select(c => c.CorrelationId).Take(500).ToListAsync(cancellationToken);
            unanswered = await db.DeviceCommands.AsNoTracking()
                .Where(c => (c.Status == DeviceCommandStatus.Sent || c.Status == DeviceCommandStatus.Delivered) && c.RequestedBy != null && c.SentAt <= answerBy)
                .OrderBy(c => c.SentAt).Select(c => c.CorrelationId).Take(500).ToListAsync(cancellationToken);
        }
        foreach (var id in lapsed)
            await ChangeAsync(id, DeviceCommandStatus.Expired, "its time to live passed before the device could be reached",
                [DeviceCommandStatus.Queued], cancellationToken, unclaimedAt: now);
        foreach (var id in unanswered)
            await ChangeAsync(id, DeviceCommandStatus.Timeout, $"no answer within {options.Value.AnswerTimeout.TotalSeconds:0} s of sending",
                [DeviceCommandStatus.Sent, DeviceCommandStatus.Delivered], cancellationToken);
    }

    /// <summary>
    /// Claims the device's (or every device's) queued, unexpired commands for this node, oldest first; with <paramref name="reachable"/>,
    /// only those of devices it says can be reached (an offline device's commands are not claimed and released on every sweep).
    /// </summary>
    private async Task<List<(DeviceCommandWire Command, string DeviceId)>> ClaimAsync(string? deviceId, Func<string, ValueTask<bool>>? reachable,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var until = now + s_claimFor;
        await using var db = store.CreateDbContext();
        Expression<Func<DeviceCommand, bool>> claimable = c => c.Status == DeviceCommandStatus.Queued && c.RequestedBy != null
            && c.ExpiresAt > now && (c.ClaimedUntil == null || c.ClaimedUntil < now);
        var query = db.DeviceCommands.AsNoTracking().Where(claimable);
        if (deviceId is not null) query = query.Where(c => c.DeviceId == deviceId);
        var candidates = await query.OrderBy(c => c.CreatedAt).Take(100).ToListAsync(cancellationToken);
        var claimed = new List<(DeviceCommandWire, string)>();
        var reach = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var candidate in candidates)
        {
            if (reachable is not null)
            {
                if (!reach.TryGetValue(candidate.DeviceId, out var may)) reach[candidate.DeviceId] = may = await reachable(candidate.DeviceId);
                if (!may) continue;
            }
            var won = await db.DeviceCommands.Where(c => c.CorrelationId == candidate.CorrelationId).Where(claimable)
                .ExecuteUpdateAsync(set => set.SetProperty(c => c.ClaimedUntil, until), cancellationToken);
            if (won == 1) claimed.Add((DeviceCommandWire.Of(candidate), candidate.DeviceId));
        }
        return claimed;
    }

    /// <summary>One forward move from <paramref name="from"/>; the node whose UPDATE made it tells the watchers and applies its effect.</summary>
    private async Task ChangeAsync(Guid id, DeviceCommandStatus to, string? detail, DeviceCommandStatus[] from, CancellationToken cancellationToken,
        string? answeringDevice = null, DateTimeOffset? unclaimedAt = null)
    {
        var now = time.GetUtcNow();
        var text = detail is { Length: > 500 } ? detail[..500] : detail;
        await using var db = store.CreateDbContext();
        var rows = db.DeviceCommands.Where(c => c.CorrelationId == id && c.RequestedBy != null && from.Contains(c.Status));
        // Only the device a command went to may answer it (an HTTP ack names its device; MQTT answers come on the device's topic).
        if (answeringDevice is not null) rows = rows.Where(c => c.DeviceId == answeringDevice);
        if (unclaimedAt is { } at) rows = rows.Where(c => c.ClaimedUntil == null || c.ClaimedUntil < at);
        var changed = await rows.ExecuteUpdateAsync(set => set.SetProperty(c => c.Status, to).SetProperty(c => c.Detail, text)
            .SetProperty(c => c.UpdatedAt, now), cancellationToken);
        if (changed == 0) return;
        if (to == DeviceCommandStatus.Successful) await ApplyAsync(db, id, now, cancellationToken);
        // Only the state this change made: if a later one (the answer overtaking its PUBACK) has already moved the command on,
        // that change tells the watchers itself, once its effect (the calibration time) is stored.
        if (await FindAsync(id, cancellationToken) is { } dto && dto.Status == DeviceCommandNames.StatusText(to)) feed.Publish(DeviceControlChannels.Command, dto);
    }

    /// <summary>What a carried-out command changes on the device's record: its calibration time, its confirmed interval.</summary>
    private static async Task ApplyAsync(FajmaDbContext db, Guid id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var command = await db.DeviceCommands.AsNoTracking().Where(c => c.CorrelationId == id)
            .Select(c => new { c.DeviceId, c.Command, c.IntervalMs }).SingleAsync(cancellationToken);
        if (command.Command == DeviceCommandNames.Calibrate)
            await db.Devices.Where(d => d.Id == command.DeviceId)
                .ExecuteUpdateAsync(set => set.SetProperty(d => d.LastCalibration, now), cancellationToken);
        else if (command.Command == DeviceCommandNames.SetSamplingRate && command.IntervalMs is { } interval)
            await db.Devices.Where(d => d.Id == command.DeviceId)
                .ExecuteUpdateAsync(set => set.SetProperty(d => d.SamplingIntervalMs, interval), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not send command {CorrelationId} to device {DeviceId}; it stays queued")]
    private partial void LogSendFailed(Exception e, Guid correlationId, string deviceId);
}
