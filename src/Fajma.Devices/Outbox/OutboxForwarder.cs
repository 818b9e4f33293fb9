using Fajma.Devices.Transport;
using Polly;
using Polly.Retry;

namespace Fajma.Devices.Outbox;

/// <summary>
/// Sends what is in a <see cref="SqliteOutbox"/>, oldest first, one message at a time, and deletes each only after the
/// server acknowledged it (<see cref="PublishResult.Accepted"/>: stored or a duplicate). Anything else — a transport
/// error, a PUBACK 0x10 (<see cref="NotDeliveredException"/>: the broker dropped it), a refusal — keeps the message at
/// the head, so nothing later overtakes it; it is retried with exponential backoff and jitter, or after the delay a busy
/// server asked for (<see cref="PublishResult.RetryAfter"/>). Only a refusal of the
/// message's content (<see cref="OutboxRetryOptions.ParkWhen"/>) is not retried: it is parked, so it cannot block the queue.
/// </summary>
public sealed class OutboxForwarder
{
    private readonly SqliteOutbox _outbox;
    private readonly IDeviceTransport _transport;
    private readonly OutboxRetryOptions _options;
    private readonly TimeProvider _time;
    private readonly ResiliencePipeline<PublishResult> _retry;
    private long _delivered;

    public OutboxForwarder(SqliteOutbox outbox, IDeviceTransport transport, OutboxRetryOptions? options = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(transport);
        _outbox = outbox;
        _transport = transport;
        _options = options ?? new OutboxRetryOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxAttempts, 1);
        _time = time ?? TimeProvider.System;
        // Polly refuses zero retries: one attempt per pass is simply no retry strategy.
        _retry = _options.MaxAttempts == 1 ? ResiliencePipeline<PublishResult>.Empty : new ResiliencePipelineBuilder<PublishResult> { TimeProvider = _time }
            .AddRetry(new RetryStrategyOptions<PublishResult>
            {
                // Any exception counts (an HTTP timeout is a TaskCanceledException too) unless we are being stopped.
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is not null
                    ? !args.Context.CancellationToken.IsCancellationRequested
                    : args.Outcome.Result is { Accepted: false } refused && !_options.ParkWhen(refused)),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = _options.FirstDelay,
                MaxDelay = _options.MaxDelay,
                MaxRetryAttempts = _options.MaxAttempts - 1,
                // A busy server says when to come back.
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result?.RetryAfterWithJitter()),
            })
            .Build();
    }

    /// <summary>Called after each message the server acknowledged, once it is deleted from the outbox.</summary>
    public Action<OutboxMessage>? Acknowledged { get; init; }

    /// <summary>Called for each message parked (refused for its content), with the server's reason.</summary>
    public Action<OutboxMessage, string>? WasParked { get; init; }

    /// <summary>Messages acknowledged and deleted by this forwarder.</summary>
    public long Delivered => Interlocked.Read(ref _delivered);

    /// <summary>
    /// Sends until the outbox is empty, or until the oldest message still fails after <see cref="OutboxRetryOptions.MaxAttempts"/>
    /// (then it stays queued and the result says why). Connects first on each attempt, so it also resumes after a reconnect.
    /// </summary>
    public async Task<DrainResult> DrainAsync(CancellationToken cancellationToken)
    {
        var delivered = 0;
        var parked = 0;
        while (true)
        {
            var batch = _outbox.PeekOldest(_options.BatchSize);
            if (batch.Count == 0) return new DrainResult(delivered, null, parked);
            foreach (var message in batch)
            {
                var (failure, park) = await SendAsync(message, cancellationToken);
                if (park)
                {
                    _outbox.Park(message.Sequence, failure!);
                    WasParked?.Invoke(message, failure!);
                    parked++;
                    continue;
                }
                if (failure is not null) return new DrainResult(delivered, failure, parked);
                _outbox.Delete(message.Sequence);
                Interlocked.Increment(ref _delivered);
                Acknowledged?.Invoke(message);
                delivered++;
            }
        }
    }

    /// <summary>Drains whenever something is queued; after a stalled pass waits <see cref="OutboxRetryOptions.PauseAfterStall"/>. Runs until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            await _outbox.WhenNotEmptyAsync(cancellationToken);
            var result = await DrainAsync(cancellationToken);
            if (result.Stalled) await Task.Delay(_options.PauseAfterStall, _time, cancellationToken);
        }
    }

    /// <summary>No failure when the server acknowledged the message, else why not and whether to park it.</summary>
    private async Task<(string? Failure, bool Park)> SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        Outcome<PublishResult> outcome;
        try
        {
            outcome = Outcome.FromResult(await _retry.ExecuteAsync(async token =>
            {
                await _transport.ConnectAsync(token);
                return await _transport.PublishAsync(message.Body, token);
            }, cancellationToken));
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            outcome = Outcome.FromException<PublishResult>(e);
        }
        return outcome.Exception is { } error ? ($"{error.GetType().Name}: {error.Message}", false)
            : outcome.Result is { Accepted: false } r ? ($"{r.Code}: {r.Reason}", _options.ParkWhen(r))
            : (null, false);
    }
}
