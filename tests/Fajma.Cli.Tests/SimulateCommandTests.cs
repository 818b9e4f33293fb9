using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Fajma.Cli.Commands;
using Fajma.Server;
using Fajma.Server.Patients;
using Fajma.Server.Storage;
using Microsoft.AspNetCore.Builder;

namespace Fajma.Cli.Tests;

/// <summary><c>fajma simulate</c> against a running server, as an operator would use it.</summary>
public sealed class SimulateCommandTests : IAsyncLifetime
{
    private readonly string _data = Directory.CreateTempSubdirectory("fajma-cli-").FullName;
    private readonly int _mqttPort = FreePort();
    private WebApplication _server = null!;

    public async Task InitializeAsync()
    {
        _server = FajmaServer.Build(["--Urls=http://127.0.0.1:0", $"--Mqtt:Port={_mqttPort}", $"--Storage:DataDirectory={_data}", "--Logging:LogLevel:Default=Warning"]);
        await _server.MigrateStoreAsync();
        await _server.StartAsync();
    }

    [Theory]
    [InlineData("mqtt")]
    [InlineData("http")]
    public async Task SimulatedDevicesRegisterThemselvesAndTheirVitalsAreStored(string transport)
    {
        var url = _server.Urls.First();
        var exit = await SimulateCommand.Create().Parse(
            ["--devices", "3", "--rate", "4", "--duration", "2", "--transport", transport, "--url", url, "--mqtt", $"127.0.0.1:{_mqttPort}", "--prefix", transport.ToUpperInvariant()])
            .InvokeAsync();

        Assert.Equal(0, exit);
        using var http = new HttpClient { BaseAddress = new Uri(url) };
        var patients = (await http.GetFromJsonAsync<PatientDto[]>("/api/v1/patients"))!
            .Where(p => p.DisplayName.Contains(transport.ToUpperInvariant(), StringComparison.Ordinal)).ToList();
        Assert.Equal(3, patients.Count);
        Assert.All(patients, p => Assert.Contains(p.Latest, o => o.Type == "heart_rate"));
    }

    [Fact]
    public void AnUnknownTransportIsRefusedBeforeAnythingRuns()
    {
        var parse = SimulateCommand.Create().Parse(["--transport", "carrier-pigeon"]);

        Assert.NotEmpty(parse.Errors);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task DisposeAsync()
    {
        await _server.StopAsync();
        await _server.DisposeAsync();
        Directory.Delete(_data, recursive: true);
    }
}
