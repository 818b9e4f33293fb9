namespace Fajma.Devices.Transport;

/// <summary>
/// Two ways to the server, the second taken only while the first is down (the seed's primary and backup transports,
/// 000 §2.1): a send that fails on <paramref name="primary"/> with a transport error goes out on <paramref name="backup"/>
/// at once, and the primary is left alone for <paramref name="probeAfter"/> before it is tried again. A refusal is the
/// server's answer, not a transport failure: it is returned as it is, never sent again the other way.
/// </summary>
/// <remarks>Retries and the outbox sit above this (<see cref="Outbox.OutboxForwarder"/>): a message fails only when both ways failed.</remarks>
public sealed class FailoverTransport(IDeviceTransport primary, IDeviceTransport backup, TimeSpan probeAfter, TimeProvider? time = null) : IDeviceTransport
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private long _primaryDownUntil; // UTC ticks; 0 while the primary is believed up
    private long _sentOnBackup;

    /// <summary>Messages the backup carried because the primary was down.</summary>
    public long SentOnBackup => Interlocked.Read(ref _sentOnBackup);

    /// <summary>Whether the next send tries the primary first.</summary>
    public bool PrimaryInUse => _time.GetUtcNow().UtcTicks >= Interlocked.Read(ref _primaryDownUntil);

    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        if (!PrimaryInUse) return; // the backup connects when it sends
        try
        {
            await primary.ConnectAsync(cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            MarkPrimaryDown();
        }
    }

    public async Task<PublishResult> PublishAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        if (PrimaryInUse)
        {
            try
            {
                await primary.ConnectAsync(cancellationToken);
                var result = await primary.PublishAsync(message, cancellationToken);
                Interlocked.Exchange(ref _primaryDownUntil, 0);
                return result;
            }
            // Connection refused or lost, a timeout, a broker that dropped it (0x10): not our own cancellation.
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                MarkPrimaryDown();
            }
        }
        await backup.ConnectAsync(cancellationToken);
        var sent = await backup.PublishAsync(message, cancellationToken);
        Interlocked.Increment(ref _sentOnBackup);
        return sent;
    }

    private void MarkPrimaryDown() => Interlocked.Exchange(ref _primaryDownUntil, (_time.GetUtcNow() + probeAfter).UtcTicks);

    public async ValueTask DisposeAsync()
    {
        await primary.DisposeAsync();
        await backup.DisposeAsync();
    }
}
