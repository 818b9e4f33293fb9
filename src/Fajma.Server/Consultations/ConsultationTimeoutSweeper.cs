using Fajma.Core.Consultations;
using Fajma.Server.Platform;
using Fajma.Server.Privacy;
using Fajma.Server.Storage;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fajma.Server.Consultations;

/// <summary>
/// Fails consultations left waiting too long (ConsultationTimeouts: an invitation never accepted, a pause
/// never resumed), and closes one left ending. Every such change goes through the lifecycle like any other.
/// </summary>
public sealed partial class ConsultationTimeoutSweeper(IDbContextFactory<FajmaDbContext> store, AuditLog audit, IHubContext<ConsultationHub> hub,
    IOptions<ConsultationOptions> options, TimeProvider time, ILogger<ConsultationTimeoutSweeper> logger) : BackgroundService
{
    private static readonly ConsultationState[] s_waiting = [.. Enum.GetValues<ConsultationState>().Where(s => ConsultationTimeouts.Limit(s) is not null)];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, time);
        while (await timer.NextTickAsync(stoppingToken))
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The store unreachable (a query's connection refused: InvalidOperationException/NpgsqlException, not a
                // DbUpdateException) must not end the host: try again at the next tick.
                LogSweepFailed(e);
            }
        }
    }

    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        await using var db = store.CreateDbContext();
        var lifecycle = new ConsultationLifecycle(db, audit, hub, time);
        var now = time.GetUtcNow();
        var waiting = await db.Consultations.Where(c => s_waiting.Contains(c.State)).ToListAsync(cancellationToken);
        foreach (var consultation in waiting.Where(c => c.StateChangedAt + ConsultationTimeouts.Limit(c.State)!.Value < now))
        {
            var (trigger, reason) = consultation.State == ConsultationState.Ending
                ? (ConsultationTrigger.Complete, (string?)null)
                : (ConsultationTrigger.Fail, ConsultationTimeouts.Reason(consultation.State));
            await lifecycle.ApplyAsync(consultation, trigger, ConsultationRole.System, null, reason, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Consultation timeout sweep failed; retrying at the next tick")]
    private partial void LogSweepFailed(Exception e);
}
