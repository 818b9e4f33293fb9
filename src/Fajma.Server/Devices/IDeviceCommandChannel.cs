namespace Fajma.Server.Devices;

/// <summary>
/// Where device commands go out: the embedded broker here; an external broker's client when scaled out.
/// Returns false when the device cannot be reached now (not connected).
/// </summary>
public interface IDeviceCommandChannel
{
    Task<bool> PublishCommandAsync(string deviceId, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken);

    /// <summary>Whether a publish could reach the device now, asked before claiming its waiting commands (true when unknown).</summary>
    ValueTask<bool> MayReachAsync(string deviceId) => ValueTask.FromResult(true);
}
