using System.Threading.Channels;
using Fajma.Core.Paging;
using Fajma.Server.Paging.Deliveries;
using Fajma.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Fajma.Server.Paging;

/// <summary>
/// Pages people outside the browser, off the alert path: a request is queued and returns at once; each attempt is
/// written (queued) before it is sent, then moves on with its receipts (<see cref="PageDeliveries"/>). Attempts run
/// side by side, so a slow SMTP relay delays no push. Stopping waits for attempts in flight.
/// </summary>
public sealed partial class Pager(PagePlanner planner, PageDeliveries deliveries, PageSender sender, TimeProvider time, ILogger<Pager> logger)
    : BackgroundService
{
    private const int ParallelAttempts = 16;
    private const int QueueLimit = 10_000;
    private readonly Channel<PageRequest> _queue = Channel.CreateBounded<PageRequest>(
        new BoundedChannelOptions(QueueLimit) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
    private readonly SemaphoreSlim _parallel = new(ParallelAttempts);
    private readonly List<Task> _inFlight = [];

    public void Enqueue(PageRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (_queue.Reader.Count >= QueueLimit) LogNotQueued(request.AlertId);
        _queue.Writer.TryWrite(request);
    }

    /// <summary>Plans and records the attempts now (the caller shows them), then sends them in the background.</summary>
    public async Task<List<PageDeliveryDto>> PageNowAsync(PageRequest request, CancellationToken cancellationToken)
    {
        var attempts = await PlanAndRecordAsync(request, cancellationToken);
        Start(attempts);
        return [.. attempts.Select(a => a.Dto)];
    }

    /// <summary>An open Fajma tab of a paged person received the alert: the page reached them there.</summary>
    public async Task RecordAppAsync(Guid alertId, int level, int userId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await deliveries.AddAsync([new PageDelivery
        {
            Id = Guid.CreateVersion7(now), AlertId = alertId, UserId = userId, Channel = "app", Target = "Fajma", Level = level,
            Status = DeliveryReceipts.Name(DeliveryStatus.Delivered), CreatedAt = now, SentAt = now, DeliveredAt = now,
        }], cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var request in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                Start(await PlanAndRecordAsync(request, stoppingToken));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogPlanFailed(e, request.AlertId);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        Task[] running;
        lock (_inFlight) running = [.. _inFlight];
        await Task.WhenAll(running).WaitAsync(cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task<List<PlannedAttempt>> PlanAndRecordAsync(PageRequest request, CancellationToken cancellationToken)
    {
        var attempts = await planner.PlanAsync(request, cancellationToken);
        await deliveries.AddAsync([.. attempts.Select(a => a.Row)], cancellationToken);
        return attempts;
    }

    private void Start(List<PlannedAttempt> attempts)
    {
        foreach (var attempt in attempts)
        {
            var task = RunAsync(attempt);
            lock (_inFlight) _inFlight.Add(task);
            _ = task.ContinueWith(t => { lock (_inFlight) _inFlight.Remove(t); }, TaskScheduler.Default);
        }
    }

    private async Task RunAsync(PlannedAttempt attempt)
    {
        await _parallel.WaitAsync();
        try
        {
            var (status, detail) = await sender.SendAsync(attempt, CancellationToken.None);
            await deliveries.ApplyAsync(attempt.Row.Id, status, detail, CancellationToken.None);
        }
        catch (Exception e)
        {
            LogAttemptFailed(e, attempt.Row.Channel, attempt.Row.AlertId);
        }
        finally
        {
            _parallel.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The paging queue is full; a page for alert {AlertId} pushed out the oldest")]
    private partial void LogNotQueued(Guid alertId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Planning the pages of alert {AlertId} failed")]
    private partial void LogPlanFailed(Exception e, Guid alertId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Recording a {Channel} page of alert {AlertId} failed")]
    private partial void LogAttemptFailed(Exception e, string channel, Guid alertId);
}
