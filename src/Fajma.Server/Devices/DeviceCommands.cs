using System.Collections.Concurrent;
using System.Text.Json;
using Fajma.Core.Consultations;
using Fajma.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Fajma.Server.Devices;

/// <summary>
/// Sends commands to devices and follows each through its stored lifecycle, by correlation id:
/// queued → sent → delivered (the broker's PUBACK from the device) → successful | failed (the device's
/// answer on <c>…/commands/ack</c>) | timeout (no answer in time) | expired (could not be sent before it lapsed).
/// </summary>
public sealed partial class DeviceCommands(IDbContextFactory<FajmaDbContext> store, IDeviceCommandChannel channel, DeviceCommandAcks acks,
    Control.DeviceCommandLifecycle requested, TimeProvider time, ILogger<DeviceCommands> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource<(DeviceCommandStatus, string?)>> _waiting = new();

    /// <summary>Sends <paramref name="command"/> to each device and returns once every one has a final status (at most <paramref name="timeout"/>).</summary>
    public async Task<IReadOnlyList<DeviceCommandResult>> SendAndAwaitAsync(IReadOnlyList<(string Id, string Type)> devices, string command,
        int? consultationId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var rows = devices.Select(d => new DeviceCommand
        {
            CorrelationId = Guid.NewGuid(), DeviceId = d.Id, ConsultationId = consultationId, Command = command,
            Status = DeviceCommandStatus.Queued, CreatedAt = now, ExpiresAt = now + timeout,
        }).ToList();
        await using (var db = store.CreateDbContext())
        {
            db.DeviceCommands.AddRange(rows);
            await db.SaveChangesAsync(cancellationToken);
        }
        var waits = rows.Select(async row =>
        {
            var done = _waiting[row.CorrelationId] = new(TaskCreationOptions.RunContinuationsAsynchronously);
            var payload = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object?>
            {
                ["command"] = command, ["correlation_id"] = row.CorrelationId, ["consultation_id"] = consultationId,
                ["expires_at"] = row.ExpiresAt.ToUnixTimeMilliseconds(),
            });
            var sent = await channel.PublishCommandAsync(row.DeviceId, payload, cancellationToken);
            if (!sent)
            {
                done.TrySetResult((DeviceCommandStatus.Expired, "the device is not connected"));
            }
            else
            {
                await UpdateAsync(row.CorrelationId, DeviceCommandStatus.Sent, null, cancellationToken);
            }
            using var lapse = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            lapse.CancelAfter(timeout);
            (DeviceCommandStatus Status, string? Detail) final;
            try
            {
                final = await done.Task.WaitAsync(lapse.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                final = (DeviceCommandStatus.Timeout, $"no answer within {timeout.TotalSeconds:0} s");
            }
            _waiting.TryRemove(row.CorrelationId, out _);
            await UpdateAsync(row.CorrelationId, final.Status, final.Detail, CancellationToken.None);
            return new DeviceCommandResult(row.DeviceId, devices.First(d => d.Id == row.DeviceId).Type, final.Status, final.Detail);
        });
        return await Task.WhenAll(waits);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var ack in acks.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                // Not awaited here: a requested command (control, calibration), whose stored lifecycle carries it on.
                if (!_waiting.ContainsKey(ack.CorrelationId))
                {
                    await requested.RecordAsync(ack, stoppingToken);
                    continue;
                }
                if (ack.Kind == DeviceCommandAckKind.Delivered)
                {
                    await UpdateAsync(ack.CorrelationId, DeviceCommandStatus.Delivered, null, stoppingToken);
                    continue;
                }
                var status = ack.Kind == DeviceCommandAckKind.Succeeded ? DeviceCommandStatus.Successful : DeviceCommandStatus.Failed;
                if (_waiting.TryGetValue(ack.CorrelationId, out var done)) done.TrySetResult((status, ack.Detail));
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // Store away (a connection error is not a DbUpdateException): only a "delivered" receipt goes unrecorded,
                // and the loop must live on — an exception escaping a hosted service stops the host.
                LogAckFailed(e, ack.CorrelationId);
            }
        }
    }

    /// <summary>
    /// Moves a command forward only: a late "delivered" never overwrites a final status. One conditional UPDATE, since
    /// the answer and the delivery receipt are recorded concurrently and a read-then-write would lose one of them.
    /// </summary>
    private async Task UpdateAsync(Guid correlationId, DeviceCommandStatus status, string? detail, CancellationToken cancellationToken)
    {
        await using var db = store.CreateDbContext();
        var earlier = Enum.GetValues<DeviceCommandStatus>().Where(s => s < status).ToList();
        var text = detail is { Length: > 500 } ? detail[..500] : detail;
        var now = time.GetUtcNow();
        await db.DeviceCommands.Where(c => c.CorrelationId == correlationId && earlier.Contains(c.Status))
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.Status, status).SetProperty(c => c.Detail, text).SetProperty(c => c.UpdatedAt, now), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record the answer to command {CorrelationId}")]
    private partial void LogAckFailed(Exception e, Guid correlationId);
}
