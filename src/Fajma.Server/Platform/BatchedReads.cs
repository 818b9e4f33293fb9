using System.Collections.Concurrent;

namespace Fajma.Server.Platform;

/// <summary>
/// Many callers asking for one thing each, served by one read of many: whoever asks while a batch is being read waits for
/// the next, and the next serves everyone who asked meanwhile (up to <paramref name="batchSize"/> at once) in one call of
/// <paramref name="readMany"/>. One batch at a time, so a synchronous store (SQLite) holds one thread at most. Thousands
/// of devices starting at once then cost a few reads, not thousands queued one after another.
/// </summary>
/// <param name="readMany">Reads the values for these keys; every key must be in its answer. A failure fails that batch's callers.</param>
public sealed class BatchedReads<TKey, TValue>(Func<IReadOnlyList<TKey>, Task<IReadOnlyDictionary<TKey, TValue>>> readMany, int batchSize = 500)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, TaskCompletionSource<TValue>> _asked = new();
    private int _reading;

    /// <summary>The value as read after this call (a read already under way does not count).</summary>
    public Task<TValue> GetAsync(TKey key)
    {
        var waiting = _asked.GetOrAdd(key, _ => new TaskCompletionSource<TValue>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (Volatile.Read(ref _reading) == 0) _ = Task.Run(ReadAllAskedAsync);
        return waiting.Task;
    }

    private async Task ReadAllAskedAsync()
    {
        if (Interlocked.CompareExchange(ref _reading, 1, 0) != 0) return;
        try
        {
            while (!_asked.IsEmpty)
            {
                var batch = new Dictionary<TKey, TaskCompletionSource<TValue>>();
                foreach (var key in _asked.Keys.Take(batchSize))
                    if (_asked.TryRemove(key, out var waiting)) batch[key] = waiting;
                try
                {
                    var read = await readMany([.. batch.Keys]);
                    foreach (var (key, waiting) in batch) waiting.TrySetResult(read[key]);
                }
#pragma warning disable CA1031 // every caller of the batch hears the failure, as it would have from a read of its own
                catch (Exception e)
#pragma warning restore CA1031
                {
                    foreach (var waiting in batch.Values) waiting.TrySetException(e);
                }
            }
        }
        finally
        {
            Volatile.Write(ref _reading, 0);
            // Asked between the last look and the release: nobody else started a read for them.
            if (!_asked.IsEmpty) _ = Task.Run(ReadAllAskedAsync);
        }
    }
}
