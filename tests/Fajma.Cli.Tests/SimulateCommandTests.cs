using Fajma.Server.Platform;
using Fajma.Cli.Bench;
using Fajma.Cli.Commands;
using Fajma.Server;
using Fajma.Server.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;

namespace Fajma.Cli.Tests;

/// <summary>
/// <c>fajma simulate</c> against a running server, as an operator would use it. Its status display is Spectre's one live
/// display: beside another command's (the bench tests'), one of them would fail, so these run in the console collection.
/// </summary>
[Collection(ConsoleOutput.Name)]
public sealed class SimulateCommandTests : IAsyncLifetime
{
    private readonly string _data = Directory.CreateTempSubdirectory("fajma-cli-").FullName;
    private readonly int _mqttPort = LoopbackPorts.Free();
    private WebApplication _server = null!;

    public async Task InitializeAsync()
    {
        _server = FajmaServer.Build(["--Urls=http://127.0.0.1:0", $"--Mqtt:Port={_mqttPort}", $"--Mqtt:TlsPort={LoopbackPorts.Free()}", $"--Storage:DataDirectory={_data}", "--Logging:LogLevel:Default=Warning",
            "--Auth:BootstrapAdminEmail=ops@test.fajma", "--Auth:BootstrapAdminPassword=ops-password-1"]);
        await _server.MigrateStoreAsync();
        await _server.StartAsync();
    }

    [Theory]
    [InlineData("mqtt")]
    [InlineData("http")]
    public async Task SimulatedDevicesRegisterThemselvesAndTheirVitalsAreStored(string transport)
    {
        var url = _server.Urls.First();
        var (exit, output) = await ConsoleOutput.CaptureAsync(() => SimulateCommand.Create().Parse(
            ["--devices", "3", "--rate", "4", "--readings", "2", "--duration", "120", "--transport", transport, "--url", url, "--mqtt", $"127.0.0.1:{_mqttPort}", "--prefix", transport.ToUpperInvariant(),
             "--email", "ops@test.fajma", "--password", "ops-password-1"])
            .InvokeAsync());

        Assert.True(exit == 0, output);
        Assert.Contains("accepted 6,", output, StringComparison.Ordinal);
        await using var scope = _server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FajmaDbContext>();
        var stored = await db.Observations.Where(o => o.DeviceId.StartsWith(transport.ToUpperInvariant() + "-") && o.Type == "heart_rate")
            .Select(o => o.DeviceId).Distinct().CountAsync();
        Assert.Equal(3, stored);
    }

    [Fact]
    public async Task ReadingsStillUnacknowledgedWhenTheRunEndsMakeItFail()
    {
        // Registered through the server, then sent to a broker port where nothing listens.
        var (exit, output) = await ConsoleOutput.CaptureAsync(() => SimulateCommand.Create().Parse(
            ["--devices", "2", "--rate", "4", "--readings", "2", "--duration", "3", "--transport", "mqtt", "--url", _server.Urls.First(),
             "--mqtt", $"127.0.0.1:{LoopbackPorts.Free()}", "--prefix", "DEAD", "--email", "ops@test.fajma", "--password", "ops-password-1"])
            .InvokeAsync());

        Assert.True(exit == 1, output);
        Assert.Contains("0 of the 4 readings acknowledged", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--readings", "abc")]
    [InlineData("--readings", "-1")]
    [InlineData("--devices", "0")]
    [InlineData("--rate", "0")]
    public void AValueOutOfRangeOrNotANumberIsRefusedNamingItsOption(string option, string value)
    {
        var parse = SimulateCommand.Create().Parse([option, value]); // a validator reading an unparsed number used to throw here

        Assert.Contains(parse.Errors, e => e.Message.Contains(option, StringComparison.Ordinal));
    }

    [Fact]
    public void AnUnknownTransportIsRefusedBeforeAnythingRuns()
    {
        var parse = SimulateCommand.Create().Parse(["--transport", "carrier-pigeon"]);

        Assert.NotEmpty(parse.Errors);
    }


    public async Task DisposeAsync()
    {
        await _server.StopAsync();
        await _server.DisposeAsync();
        Directory.Delete(_data, recursive: true);
    }
}
