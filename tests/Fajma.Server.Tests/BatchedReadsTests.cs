using Fajma.Server.Platform;

namespace Fajma.Server.Tests;

/// <summary>Many callers, one read of many: what a fleet starting at once costs the store.</summary>
public sealed class BatchedReadsTests
{
    [Fact]
    public async Task CallersWhoAskWhileABatchIsReadAreAllServedByTheNextReadEachWithTheirOwnValue()
    {
        var reads = new List<IReadOnlyList<int>>();
        var firstHeld = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var batched = new BatchedReads<int, string>(async keys =>
        {
            lock (reads) reads.Add(keys);
            if (reads.Count == 1)
            {
                firstHeld.TrySetResult();
                await release.Task;
            }
            return keys.ToDictionary(k => k, k => $"value {k}");
        });

        var first = batched.GetAsync(0);
        await firstHeld.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var rest = Enumerable.Range(1, 100).Select(batched.GetAsync).ToList(); // asked while the first read is under way
        release.SetResult();

        Assert.Equal("value 0", await first.WaitAsync(TimeSpan.FromSeconds(10)));
        var values = await Task.WhenAll(rest).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(Enumerable.Range(1, 100).Select(k => $"value {k}"), values);
        Assert.Equal(2, reads.Count); // the hundred in one read, not a hundred
        Assert.Equal(Enumerable.Range(1, 100), reads[1].Order());
    }

    [Fact]
    public async Task AFailedReadFailsItsOwnCallersAndTheNextCallerIsReadAfresh()
    {
        var failing = true;
        var batched = new BatchedReads<int, int>(keys => failing
            ? Task.FromException<IReadOnlyDictionary<int, int>>(new InvalidOperationException("the store is down"))
            : Task.FromResult<IReadOnlyDictionary<int, int>>(keys.ToDictionary(k => k, k => k * 2)));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => batched.GetAsync(21).WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("the store is down", error.Message);
        failing = false;
        Assert.Equal(42, await batched.GetAsync(21).WaitAsync(TimeSpan.FromSeconds(10)));
    }
}
