using System.Collections.Concurrent;
using Fajma.Core.Consultations;
using Fajma.Server.Devices;
using Fajma.Server.Storage;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fajma.Server.Consultations;

/// <summary>
/// Steps 4–6 of the handshake: ACTIVATE_MONITORING to each of the patient's devices, their DEVICE_READY
/// answers (or the timeout), then IOT_SYNC_COMPLETE to the room with which are ready and which are not.
/// A missing device never blocks the call: the doctor begins whenever they choose.
/// </summary>
public sealed partial class IotSync(IDbContextFactory<FajmaDbContext> store, DeviceCommands commands, IHubContext<ConsultationHub> hub,
    IOptions<ConsultationOptions> options, IHostApplicationLifetime lifetime, ILogger<IotSync> logger)
{
    public const string ActivateMonitoring = "activate_monitoring";

    private readonly ConcurrentDictionary<int, IReadOnlyList<DeviceReadinessDto>> _readiness = new();

    /// <summary>
    /// The devices' readiness as last known (pending while the commands are out), or empty before the patient accepted.
    /// Known here when this node runs the handshake; otherwise (another node of a cluster ran it, or this node restarted)
    /// the activation commands' stored statuses say where it stands.
    /// </summary>
    public async Task<IReadOnlyList<DeviceReadinessDto>> ReadinessAsync(FajmaDbContext db, int consultationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (_readiness.TryGetValue(consultationId, out var known)) return known;
        var commands = await db.DeviceCommands.AsNoTracking().Where(c => c.ConsultationId == consultationId && c.Command == ActivateMonitoring)
            .Join(db.Devices, c => c.DeviceId, d => d.Id, (c, d) => new { c.DeviceId, d.Type, c.Status, c.Detail, c.CreatedAt })
            .ToListAsync(cancellationToken);
        return [.. commands.GroupBy(c => c.DeviceId).Select(g => g.MaxBy(c => c.CreatedAt)!).OrderBy(c => c.DeviceId, StringComparer.Ordinal)
            .Select(c => new DeviceReadinessDto(c.DeviceId, c.Type, c.Status <= DeviceCommandStatus.Delivered ? "pending" : Describe(c.Status), c.Detail))];
    }

    public void Start(int consultationId, int patientId) => _ = RunAsync(consultationId, patientId);

    private async Task RunAsync(int consultationId, int patientId)
    {
        try
        {
            List<(string Id, string Type)> devices;
            await using (var db = store.CreateDbContext())
            {
                devices = (await db.Devices.AsNoTracking().Where(d => d.PatientId == patientId && d.RevokedAt == null).OrderBy(d => d.Id)
                    .Select(d => new { d.Id, d.Type }).ToListAsync(lifetime.ApplicationStopping)).Select(d => (d.Id, d.Type)).ToList();
            }
            _readiness[consultationId] = devices.Select(d => new DeviceReadinessDto(d.Id, d.Type, "pending", null)).ToList();
            var results = await commands.SendAndAwaitAsync(devices, ActivateMonitoring, consultationId, options.Value.DeviceReadyTimeout, lifetime.ApplicationStopping);
            var readiness = results.Select(r => new DeviceReadinessDto(r.DeviceId, r.DeviceType, Describe(r.Status), r.Detail)).ToList();
            _readiness[consultationId] = readiness;
            await hub.Clients.Group(ConsultationEvents.Group(consultationId))
                .SendAsync(ConsultationEvents.IotSyncComplete, new IotSyncCompleteEvent(consultationId, readiness), lifetime.ApplicationStopping);
        }
        catch (Exception e) when (e is OperationCanceledException or DbUpdateException or InvalidOperationException)
        {
            LogSyncFailed(e, consultationId);
        }
    }

    /// <summary>A command's final status as the room shows it: ready, timeout, or failed.</summary>
    public static string Describe(DeviceCommandStatus status) => status switch
    {
        DeviceCommandStatus.Successful => "ready",
        DeviceCommandStatus.Timeout => "timeout",
        _ => "failed",
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Device activation for consultation {ConsultationId} did not finish")]
    private partial void LogSyncFailed(Exception e, int consultationId);
}
