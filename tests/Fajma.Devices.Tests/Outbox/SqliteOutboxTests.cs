using System.Text;
using Fajma.Devices.Outbox;
using Microsoft.Data.Sqlite;

namespace Fajma.Devices.Tests.Outbox;

public sealed class SqliteOutboxTests : IDisposable
{
    private readonly TempStore _store = new();

    public void Dispose() => _store.Dispose();

    [Fact]
    public void QueuedMessagesSurviveClosingAndReopeningTheStoreInTheirOrder()
    {
        using (var outbox = SqliteOutbox.Open(_store.Path))
        {
            foreach (var key in new[] { "a", "b", "c" }) outbox.Enqueue(key, Encoding.UTF8.GetBytes("body-" + key));
        }

        using var reopened = SqliteOutbox.Open(_store.Path);

        Assert.Equal(3, reopened.Count);
        var messages = reopened.PeekOldest(10);
        Assert.Equal(["a", "b", "c"], messages.Select(m => m.MessageKey));
        Assert.Equal("body-b", Encoding.UTF8.GetString(messages[1].Body));
        Assert.True(messages[0].Sequence < messages[1].Sequence && messages[1].Sequence < messages[2].Sequence);
    }

    [Fact]
    public void TheStoreIsAWalFileWithDeletedSequencesNeverReused()
    {
        long first;
        using (var outbox = SqliteOutbox.Open(_store.Path))
        {
            first = outbox.Enqueue("a", [1]);
            outbox.Delete(first);
        }
        using (var outbox = SqliteOutbox.Open(_store.Path))
        {
            // A reused sequence could put a new message before an older one after a restart.
            Assert.True(outbox.Enqueue("b", [2]) > first);
        }

        using var connection = new SqliteConnection($"Data Source={_store.Path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", command.ExecuteScalar());
    }

    [Fact]
    public void WhenFullTheOldestMessagesAreDroppedAndCountedAcrossRestarts()
    {
        using (var outbox = SqliteOutbox.Open(_store.Path, capacity: 3))
        {
            foreach (var key in new[] { "1", "2", "3", "4", "5" }) outbox.Enqueue(key, [0]);

            Assert.Equal(3, outbox.Count);
            Assert.Equal(2, outbox.Dropped);
            Assert.Equal(["3", "4", "5"], outbox.PeekOldest(10).Select(m => m.MessageKey));
        }

        using var reopened = SqliteOutbox.Open(_store.Path, capacity: 3);
        reopened.Enqueue("6", [0]);

        Assert.Equal(3, reopened.Dropped);
        Assert.Equal(["4", "5", "6"], reopened.PeekOldest(10).Select(m => m.MessageKey));
    }

    [Fact]
    public void ASmallerCapacityOnReopenDropsTheExcessOldestOnTheNextEnqueue()
    {
        using (var outbox = SqliteOutbox.Open(_store.Path, capacity: 10))
        {
            foreach (var key in new[] { "1", "2", "3", "4" }) outbox.Enqueue(key, [0]);
        }

        using var reopened = SqliteOutbox.Open(_store.Path, capacity: 2);
        reopened.Enqueue("5", [0]);

        Assert.Equal(["4", "5"], reopened.PeekOldest(10).Select(m => m.MessageKey));
        Assert.Equal(3, reopened.Dropped);
    }

    [Fact]
    public async Task WaitingForMessagesCompletesWhenOneIsEnqueued()
    {
        using var outbox = SqliteOutbox.Open(_store.Path);
        var waiting = outbox.WhenNotEmptyAsync(CancellationToken.None);
        Assert.False(waiting.IsCompleted);

        outbox.Enqueue("a", [0]);

        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(outbox.WhenNotEmptyAsync(CancellationToken.None).IsCompleted);
    }

    [Fact]
    public void ParkedMessagesAreNotSentButCountTowardsTheCapacityAndAreDroppedOldestFirst()
    {
        using var outbox = SqliteOutbox.Open(_store.Path, capacity: 2);
        var a = outbox.Enqueue("a", [0]);
        outbox.Park(a, "400: malformed");
        outbox.Enqueue("b", [0]);

        Assert.Equal((1, 1), (outbox.Count, outbox.Parked));
        Assert.Equal(["b"], outbox.PeekOldest(10).Select(m => m.MessageKey));

        outbox.Enqueue("c", [0]);

        Assert.Equal((2, 0, 1), (outbox.Count, outbox.Parked, outbox.Dropped));
        Assert.Equal(["b", "c"], outbox.PeekOldest(10).Select(m => m.MessageKey));
    }
}
