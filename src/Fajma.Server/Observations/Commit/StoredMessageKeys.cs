using Microsoft.Extensions.Options;
using Fajma.Server.Storage;

namespace Fajma.Server.Observations.Commit;

/// <summary>Whether a device's message key is already stored: a point read on the receipt table's unique key, for every live reading.</summary>
public sealed class StoredMessageKeys(IOptions<StorageOptions> options) : IAsyncDisposable
{
    private readonly PreparedLookup _lookup = new(options.Value, "SELECT 1 FROM ingested_messages WHERE device_id = @p0 AND message_key = @p1", 2);

    public Task<bool> ContainsAsync(string deviceId, string messageKey, CancellationToken cancellationToken) =>
        _lookup.ExistsAsync([deviceId, messageKey], cancellationToken);

    public ValueTask DisposeAsync() => _lookup.DisposeAsync();
}
