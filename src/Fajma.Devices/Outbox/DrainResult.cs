namespace Fajma.Devices.Outbox;

/// <summary>
/// What one drain pass did: how many messages the server acknowledged, and, when it stopped early, the last failure
/// (a transport error, a 0x10 or a refusal). A stalled pass leaves the message that failed at the head of the queue.
/// <paramref name="Parked"/> counts messages refused for their content and set aside (see <see cref="SqliteOutbox.Park"/>).
/// </summary>
public sealed record DrainResult(int Delivered, string? LastFailure, int Parked = 0)
{
    public bool Stalled => LastFailure is not null;
}
