using Fajma.Server.Platform;
using System.Net.Http.Json;
using System.Threading.Channels;
using Fajma.Server.Devices;
using Fajma.Server.Live;
using Fajma.Server.Monitoring;
using Fajma.Server.Observations;
using Fajma.Server.Patients;
using Fajma.Server.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.SignalR.Client;
using MQTTnet;

namespace Fajma.Server.Tests.Infrastructure;

/// <summary>
/// The real server on 127.0.0.1 (Kestrel on a free port, the embedded MQTT broker on another) over a
/// fresh database. Tests talk to it only as outside clients do: HTTP, MQTT and SignalR.
/// </summary>
public sealed class FajmaHost : IAsyncDisposable
{
    private readonly TestDatabase _database;
    private int _nextDevice;

    public const string Password = "test-password-1";
    public const string AdminEmail = "admin@test.fajma";
    public const string DoctorEmail = "doctor@test.fajma";

    // One master key for every host of the run (a test about keys passes its own): the identity columns' converters hold
    // keys derived from it, so hosts with one key share one EF model and its compiled queries instead of building their own.
    private static readonly string s_masterKey = "--Encryption:MasterKey=" + Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    private FajmaHost(WebApplication app, TestDatabase database, int mqttPort)
    {
        App = app;
        _database = database;
        MqttPort = mqttPort;
        Url = new Uri(app.Urls.First(u => u.StartsWith("http://", StringComparison.Ordinal)));
        HttpsUrl = app.Urls.FirstOrDefault(u => u.StartsWith("https://", StringComparison.Ordinal)) is { } https ? new Uri(https) : null;
        Http = new HttpClient { BaseAddress = Url };
        Admin = new HttpClient { BaseAddress = Url };
    }

    /// <summary>Signed in as the doctor whose care team holds every patient this host registers.</summary>
    public HttpClient Http { get; }

    /// <summary>Signed in as the admin (registers patients and devices).</summary>
    public HttpClient Admin { get; }

    public int DoctorId { get; private set; }

    public string DoctorToken { get; private set; } = "";

    public string AdminToken { get; private set; } = "";

    public WebApplication App { get; }

    public Uri Url { get; }

    /// <summary>Set when the host was started with an https:// URL too.</summary>
    public Uri? HttpsUrl { get; }

    public int MqttPort { get; }

    public int MqttTlsPort { get; private init; }

    /// <summary>
    /// Starts the server; tests sign in often and send refused input from one address, so the sign-in limit and the
    /// budget of refusals recorded one by one are raised unless <paramref name="args"/> say otherwise.
    /// </summary>
    public static Task<FajmaHost> StartAsync(TestDatabase database, params string[] args) => StartAsync(database, null, args);

    /// <summary>Starts the server with <paramref name="configure"/> applied to its builder (a fake clock, for one).</summary>
    public static async Task<FajmaHost> StartAsync(TestDatabase database, Action<WebApplicationBuilder>? configure, params string[] args)
    {
        var mqttPort = LoopbackPorts.Free();
        var tlsPort = LoopbackPorts.Free();
        var app = FajmaServer.Build(["--Urls=http://127.0.0.1:0", $"--Mqtt:Port={mqttPort}", $"--Mqtt:TlsPort={tlsPort}", "--Logging:LogLevel:Default=Warning",
            $"--Auth:BootstrapAdminEmail={AdminEmail}", $"--Auth:BootstrapAdminPassword={Password}", "--RateLimits:LoginPerMinute=100000",
            "--Ingestion:RefusalsRecordedPerSender=100000", "--Ingestion:RefusalsRecordedPerWindow=100000",
            s_masterKey, .. database.Args, .. args], configure);
        await app.MigrateStoreAsync();
        await app.StartAsync();
        var host = new FajmaHost(app, database, mqttPort) { MqttTlsPort = tlsPort };
        host.DoctorId = await host.CreateAccountAsync(DoctorEmail, Fajma.Server.Identity.Roles.Doctor, Password);
        host.DoctorToken = await host.TokenAsync(DoctorEmail, Password);
        host.Http.DefaultRequestHeaders.Authorization = new("Bearer", host.DoctorToken);
        host.AdminToken = await host.TokenAsync(AdminEmail, Password);
        host.Admin.DefaultRequestHeaders.Authorization = new("Bearer", host.AdminToken);
        return host;
    }

    /// <summary>A second doctor, in the care team of <paramref name="patientIds"/>, after the host's doctor; returns their token.</summary>
    public async Task<(int Id, string Token)> DoctorInCareTeamAsync(string email, params int[] patientIds)
    {
        var id = await CreateAccountAsync(email, Fajma.Server.Identity.Roles.Doctor, Password);
        await using var scope = App.Services.CreateAsyncScope();
        foreach (var patientId in patientIds)
            await scope.ServiceProvider.GetRequiredService<Fajma.Server.Identity.Accounts>().AddToCareTeamAsync(id, patientId, CancellationToken.None);
        return (id, await TokenAsync(email, Password));
    }

    /// <summary>Signs in through the real endpoint and returns the access token.</summary>
    public async Task<string> TokenAsync(string email, string password) => (await SignInAsync(email, password)).AccessToken;

    /// <summary>Signs in through the real endpoint: a new session, with its access and refresh tokens.</summary>
    public async Task<Fajma.Server.Identity.TokenResponse> SignInAsync(string email, string password)
    {
        using var anonymous = new HttpClient { BaseAddress = Url };
        var response = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new Fajma.Server.Identity.LoginRequest(email, password));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<Fajma.Server.Identity.TokenResponse>())!;
    }

    /// <summary>A new patient with one registered device.</summary>
    public async Task<(int PatientId, string DeviceId)> RegisterPatientWithDeviceAsync(string type = DeviceTypes.Esp32Monitor)
    {
        var (patientId, bundle) = await ProvisionPatientWithDeviceAsync(type);
        return (patientId, bundle.Device.Id);
    }

    /// <summary>A new patient in the doctor's care team, with one device provisioned by the admin through the API: its whole bundle.</summary>
    public async Task<(int PatientId, DeviceBundleDto Bundle)> ProvisionPatientWithDeviceAsync(string type = DeviceTypes.Esp32Monitor)
    {
        var n = Interlocked.Increment(ref _nextDevice);
        var patient = await Admin.PostAsJsonAsync("/api/v1/patients", new CreatePatientRequest($"Test patient {n}", new DateOnly(1960, 5, n % 28 + 1)));
        patient.EnsureSuccessStatusCode();
        var created = (await patient.Content.ReadFromJsonAsync<PatientDto>())!;
        var deviceId = $"TEST-{n:D4}-{Guid.NewGuid().ToString("N")[..6]}";
        var device = await Admin.PostAsJsonAsync("/api/v1/devices", new RegisterDeviceRequest(deviceId, type, created.Id));
        device.EnsureSuccessStatusCode();
        var bundle = (await device.Content.ReadFromJsonAsync<DeviceBundleDto>())!;
        Messages.Secrets[deviceId] = DeviceSecrets.Decode(bundle.Secret);
        await using var scope = App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<Fajma.Server.Identity.Accounts>().AddToCareTeamAsync(DoctorId, created.Id, CancellationToken.None);
        return (created.Id, bundle);
    }

    /// <summary>A SignalR client subscribed to a patient; its observations arrive on the channel.</summary>
    public async Task<(HubConnection Hub, ChannelReader<ObservationDto> Observations)> WatchAsync(int patientId, string? token = null)
    {
        var channel = Channel.CreateUnbounded<ObservationDto>();
        var hub = new HubConnectionBuilder().WithUrl(new Uri(Url, LiveExtensions.HubPath),
            o => o.AccessTokenProvider = () => Task.FromResult<string?>(token ?? DoctorToken)).Build();
        hub.On<ObservationDto>(MonitoringEvents.Observation, o => channel.Writer.TryWrite(o));
        await hub.StartAsync();
        await hub.InvokeAsync("SubscribePatient", patientId);
        return (hub, channel.Reader);
    }

    /// <summary>An MQTT connection signed in as the device (its id and secret), as the device itself connects.</summary>
    public async Task<IMqttClient> ConnectMqttAsync(string deviceId, string? password = null, string? clientId = null)
    {
        var client = await TestMqtt.ConnectDeviceAsync(MqttPort, deviceId, password, clientId);
        Assert.True(client.IsConnected, $"device {deviceId} could not connect");
        return client;
    }

    /// <summary>Creates an account (and, for a doctor, nothing else: care-team links are separate).</summary>
    public async Task<int> CreateAccountAsync(string email, string role, string password, int? patientId = null)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<Fajma.Server.Identity.Accounts>();
        return (await accounts.EnsureAsync(email, email, role, password, patientId, CancellationToken.None)).Id;
    }

    /// <summary>Direct store access for assertions a client could not make (exactly-once, dead letters).</summary>
    public async Task<T> QueryAsync<T>(Func<FajmaDbContext, Task<T>> query)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<FajmaDbContext>());
    }

    /// <summary>Stops the server as a restart does, keeping its database for the next host (which the caller then disposes).</summary>
    public async Task StopKeepingDataAsync()
    {
        Http.Dispose();
        Admin.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        Admin.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        await _database.DisposeAsync();
    }
}
