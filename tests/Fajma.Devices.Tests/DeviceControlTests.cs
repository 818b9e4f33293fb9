using System.Text.Json;
using Fajma.Devices.Simulation;
using Fajma.Devices.Transport;
using Microsoft.Extensions.Time.Testing;

namespace Fajma.Devices.Tests;

/// <summary>The device side of the shared command contract: what each command changes, and the sampling loop woken by it.</summary>
public sealed class DeviceControlTests
{
    private static readonly DateTimeOffset s_now = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    private static (bool Ok, string? Detail) Apply(DeviceControl control, string json)
    {
        using var command = JsonDocument.Parse(json);
        return control.Apply(command.RootElement, s_now);
    }

    private static string Command(string name, string parameters = "{}", long? expiresAt = null) =>
        $$"""{"command":"{{name}}","correlation_id":"{{Guid.NewGuid()}}","expires_at":{{expiresAt ?? s_now.AddMinutes(1).ToUnixTimeMilliseconds()}},"consultation_id":null,"params":{{parameters}}}""";

    [Fact]
    public void SetSamplingRateChangesTheIntervalAndTheOlderLowAndNormalStillWork()
    {
        var control = new DeviceControl();
        var nominal = TimeSpan.FromSeconds(1);

        Assert.Equal((true, null), Apply(control, Command("set_sampling_rate", """{"interval_ms":250}""")));
        Assert.Equal(TimeSpan.FromMilliseconds(250), control.Period(nominal));
        Assert.Equal((true, null), Apply(control, Command("set_sampling_rate_low")));
        Assert.Equal(TimeSpan.FromSeconds(2), control.Period(nominal));
        Assert.Equal((true, null), Apply(control, Command("set_sampling_rate_normal")));
        Assert.Equal(nominal, control.Period(nominal));
    }

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"interval_ms":"fast"}""")]
    [InlineData("""{"interval_ms":20}""")]
    public void ASamplingRateWithoutAUsableIntervalIsRefusedAndChangesNothing(string parameters)
    {
        var control = new DeviceControl();

        var (ok, detail) = Apply(control, Command("set_sampling_rate", parameters));

        Assert.False(ok);
        Assert.Contains("interval_ms", detail, StringComparison.Ordinal);
        Assert.Null(control.Interval);
    }

    [Fact]
    public void StartStopCalibrateRebootAndUnknownOrExpiredCommands()
    {
        var control = new DeviceControl();

        Assert.True(Apply(control, Command("deactivate_monitoring")).Ok);
        Assert.False(control.Monitoring);
        Assert.True(Apply(control, Command("activate_monitoring")).Ok);
        Assert.True(control.Monitoring);
        Assert.True(Apply(control, Command("calibrate", """{"sensor":"spo2","reference":null}""")).Ok);
        Assert.Equal(s_now, control.LastCalibration);
        Assert.False(Apply(control, Command("calibrate", """{"sensor":"blood_pressure"}""")).Ok);
        Assert.True(Apply(control, Command("reboot")).Ok);
        Assert.Equal(1, control.Reboots);
        Assert.Equal((false, "unsupported command 'self_destruct'"), Apply(control, Command("self_destruct")));
        Assert.Equal((false, "expired before it arrived"), Apply(control, Command("deactivate_monitoring", expiresAt: s_now.AddSeconds(-1).ToUnixTimeMilliseconds())));
        Assert.True(control.Monitoring);
    }

    [Fact]
    public async Task ReadNowWakesTheWaitingLoopOnceAndAWaitWithoutCommandsRunsItsCourse()
    {
        var time = new FakeTimeProvider(s_now);
        var control = new DeviceControl();
        using var wait = new TickWait(time, control, CancellationToken.None);
        var waiting = wait.WaitAsync(TimeSpan.FromMinutes(1)).AsTask();

        Apply(control, Command("request_sensor_data"));

        Assert.True(await waiting.WaitAsync(TimeSpan.FromSeconds(10)));
        // The next wait, on the same timer, runs its whole course.
        var quiet = wait.WaitAsync(TimeSpan.FromMinutes(2)).AsTask();
        time.Advance(TimeSpan.FromSeconds(61));
        Assert.False(quiet.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(59));
        Assert.False(await quiet.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task ACommandThatArrivesWhileTheLoopIsBusyEndsItsNextWaitAtOnce()
    {
        var time = new FakeTimeProvider(s_now);
        var control = new DeviceControl();
        using var wait = new TickWait(time, control, CancellationToken.None);

        Apply(control, Command("set_sampling_rate", """{"interval_ms":2000}"""));

        Assert.True(await wait.WaitAsync(TimeSpan.FromMinutes(1)).AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
        var next = wait.WaitAsync(TimeSpan.FromSeconds(2)).AsTask();
        Assert.False(next.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.False(await next.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task StoppingTheLoopEndsItsWait()
    {
        var time = new FakeTimeProvider(s_now);
        using var stop = new CancellationTokenSource();
        using var wait = new TickWait(time, control: null, stop.Token);
        var waiting = wait.WaitAsync(Timeout.InfiniteTimeSpan).AsTask();

        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(10)));
    }
}
