using System.Collections.Concurrent;
using System.Diagnostics;
using Fajma.Devices.Simulation;
using Fajma.Devices.Transport;

namespace Fajma.Devices.Tests;

/// <summary>A simulated fleet reads on each device's own clock, spread over the period, however its connections went.</summary>
public sealed class DeviceFleetTests
{
    private const int Devices = 1000;
    private const double RateHz = 2; // a period of 500 ms, one device's place half a millisecond after the one before
    private static readonly TimeSpan s_period = TimeSpan.FromSeconds(1 / RateHz);

    [Fact]
    public async Task DevicesLetInAllAtOnceStillReadAtTheirOwnPlacesInThePeriod()
    {
        var server = new HeldServer();
        var fleet = new DeviceFleet([.. Enumerable.Range(0, Devices).Select(i => (Device(i), (IDeviceTransport)new HeldTransport(server, $"dev-{i}")))],
            RateHz, TimeProvider.System);
        using var stop = new CancellationTokenSource();
        var running = fleet.RunAsync(stop.Token);

        // A busy server holds every connection until the last device has asked, past every device's place in the period.
        await server.AllAskedToConnect.Task.WaitAsync(TimeSpan.FromSeconds(30));
        server.LetIn.SetResult();
        await server.AllRead.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await stop.CancelAsync();
        await running;

        var firsts = server.FirstReadings.Values.Order().ToList();
        var spread = Stopwatch.GetElapsedTime(firsts[0], firsts[^1]);
        // Read as they were let in, the thousand first readings would come within a few milliseconds of one another.
        Assert.True(spread >= s_period * 0.6, $"the first readings spread over {spread.TotalMilliseconds:0} ms of a {s_period.TotalMilliseconds:0} ms period");
    }

    private static SimulatedDevice Device(int i) =>
        new($"dev-{i}", MessageFormat.Flat, new VitalSignsGenerator(PatientProfile.Typical(new Random(i)), new Random(i), 0), TimeProvider.System);

    private sealed class HeldServer
    {
        private int _asked;

        public TaskCompletionSource AllAskedToConnect { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource LetIn { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource AllRead { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Each device's first reading, when it arrived (a Stopwatch timestamp).</summary>
        public ConcurrentDictionary<string, long> FirstReadings { get; } = new();

        public void Asked()
        {
            if (Interlocked.Increment(ref _asked) == Devices) AllAskedToConnect.SetResult();
        }

        public void Read(string device)
        {
            if (FirstReadings.TryAdd(device, Stopwatch.GetTimestamp()) && FirstReadings.Count == Devices) AllRead.TrySetResult();
        }
    }

    private sealed class HeldTransport(HeldServer server, string deviceId) : IDeviceTransport
    {
        private bool _asked;

        public Task ConnectAsync(CancellationToken cancellationToken)
        {
            if (!_asked) server.Asked();
            _asked = true;
            return server.LetIn.Task.WaitAsync(cancellationToken);
        }

        public Task<PublishResult> PublishAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
        {
            server.Read(deviceId);
            return Task.FromResult(new PublishResult(true, "Success", null));
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
