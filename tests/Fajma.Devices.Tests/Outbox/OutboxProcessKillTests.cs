using System.Diagnostics;
using System.Globalization;
using System.Text;
using Fajma.Devices.Outbox;
using Microsoft.Data.Sqlite;

namespace Fajma.Devices.Tests.Outbox;

/// <summary>A real device process is killed (SIGKILL, no chance to flush or close) with thousands of messages queued.</summary>
public sealed class OutboxProcessKillTests : IDisposable
{
    private readonly TempStore _store = new();

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task KillingTheDeviceProcessLosesNoMessageItHadEnqueuedAndTheQueueStaysInOrder()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var stderr = new StringBuilder();
        var start = new ProcessStartInfo(DotnetHost(), ["exec", typeof(Program).Assembly.Location, "outbox-fill", _store.Path, "1000000"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var device = Process.Start(start) ?? throw new InvalidOperationException("could not start the device process");
        device.ErrorDataReceived += (_, e) => { lock (stderr) stderr.AppendLine(e.Data); };
        device.BeginErrorReadLine();

        // Each line is printed after its Enqueue returned, i.e. after the commit reached the disk.
        var committed = 0;
        while (committed < 3000)
        {
            var line = await device.StandardOutput.ReadLineAsync(timeout.Token);
            if (line is null)
            {
                lock (stderr) Assert.Fail($"the device process ended before it was killed: {stderr}");
            }
            committed = int.Parse(line!, CultureInfo.InvariantCulture);
        }
        device.Kill(); // SIGKILL on Unix: mid-write, nothing closed
        await device.WaitForExitAsync(timeout.Token);
        Assert.NotEqual(0, device.ExitCode);

        using (var connection = new SqliteConnection($"Data Source={_store.Path};Pooling=False"))
        {
            connection.Open();
            using var check = connection.CreateCommand();
            check.CommandText = "PRAGMA integrity_check;";
            Assert.Equal("ok", check.ExecuteScalar());
        }
        using var outbox = SqliteOutbox.Open(_store.Path, capacity: 1_000_000);
        var queued = outbox.PeekOldest(int.MaxValue);
        Assert.True(queued.Count >= committed, $"{queued.Count} queued after the kill, {committed} had been committed");
        // Nothing lost, nothing torn: exactly the first N keys, oldest first, each with its own body.
        Assert.Equal(Enumerable.Range(0, queued.Count).Select(OutboxFillProcess.Key), queued.Select(m => m.MessageKey));
        Assert.All(queued, m => Assert.Equal(m.MessageKey, Encoding.UTF8.GetString(m.Body)));

        // The restarted device sends all of them, in order.
        var server = new FakeServerTransport();
        var result = await new OutboxForwarder(outbox, server).DrainAsync(timeout.Token);
        Assert.Equal(new DrainResult(queued.Count, null), result);
        Assert.Equal(queued.Select(m => m.MessageKey), server.Stored);
        Assert.Equal(0, outbox.Count);
    }

    [Fact]
    public async Task KillingTheDeviceWhileItSendsLosesNothingAndTheMessageInFlightComesBackAsADuplicate()
    {
        const int total = 2000;
        using (var outbox = SqliteOutbox.Open(_store.Path, capacity: 1_000_000))
        {
            for (var i = 0; i < total; i++) outbox.Enqueue(OutboxFillProcess.Key(i), Encoding.UTF8.GetBytes(OutboxFillProcess.Key(i)));
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        using var server = new DedupingHttpServer();
        var start = new ProcessStartInfo(DotnetHost(), ["exec", typeof(Program).Assembly.Location, "outbox-forward", _store.Path, server.BaseAddress.ToString()])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var device = Process.Start(start) ?? throw new InvalidOperationException("could not start the device process");

        await server.StoredAsync(500).WaitAsync(timeout.Token);
        device.Kill(); // SIGKILL between some send and its delete
        await device.WaitForExitAsync(timeout.Token);
        var storedBeforeKill = server.Stored;

        using var reopened = SqliteOutbox.Open(_store.Path, capacity: 1_000_000);
        var remaining = reopened.PeekOldest(int.MaxValue).Select(m => m.MessageKey).ToList();
        Assert.True(storedBeforeKill.Count < total, "the device finished before it was killed");
        // Stored in order, and the outbox still holds everything after the last deleted one: nothing fell between.
        Assert.Equal(Enumerable.Range(0, storedBeforeKill.Count).Select(OutboxFillProcess.Key), storedBeforeKill);
        var firstRemaining = total - remaining.Count;
        Assert.Equal(Enumerable.Range(firstRemaining, remaining.Count).Select(OutboxFillProcess.Key), remaining);
        Assert.InRange(storedBeforeKill.Count - firstRemaining, 0, 1); // at most the one in flight was stored, not deleted

        // The restarted device resends from its outbox to a server that knows what was stored (the in-test HttpListener
        // stops answering after the killed connection, so the restart talks to the in-process double with the same state).
        var restarted = new FakeServerTransport();
        foreach (var key in storedBeforeKill) restarted.PreStore(key);
        var result = await new OutboxForwarder(reopened, restarted).DrainAsync(timeout.Token);

        Assert.Equal(new DrainResult(remaining.Count, null), result);
        Assert.Equal(Enumerable.Range(0, total).Select(OutboxFillProcess.Key), restarted.Stored);
        Assert.Equal(storedBeforeKill.Count - firstRemaining, restarted.Duplicates);
        Assert.Equal(0, reopened.Count);
    }

    /// <summary>The dotnet host running these tests (the CLI sets DOTNET_HOST_PATH for its children), else dotnet on the PATH.</summary>
    private static string DotnetHost() => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
}
