namespace Fajma.Devices.Relay;

/// <summary>The seed's phone-relay batching (000 §2.1): a batch goes when it holds 10 readings or 5 s after its first.</summary>
public sealed record BleRelayOptions
{
    public int BatchSize { get; init; } = 10;

    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Heart rates the server accepts (its plausible range); a strap without skin contact often reads 0.</summary>
    public int MinHeartRate { get; init; } = 20;

    public int MaxHeartRate { get; init; } = 300;

    /// <summary>The strap, named on each message as <c>header.source</c> (e.g. <c>ble:Polar H10 7A3B</c>); the relay is the gateway.</summary>
    public string? Source { get; init; }
}
