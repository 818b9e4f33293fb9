using Fajma.Cli.Commands;
using Fajma.Core.Wire;
using Fajma.Server;
using Fajma.Server.Devices;
using Fajma.Server.Ingestion;
using Fajma.Server.Observations.Reads;
using Fajma.Server.Privacy;
using Fajma.Server.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;

namespace Fajma.Cli.Tests;

/// <summary><c>fajma keys rotate-master</c> on a real store: the master key changes, every value stays readable, the old key opens nothing.</summary>
public sealed class KeysCommandTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("fajma-keys-").FullName;

    private string MasterPath => Path.Combine(_data, "keys", "master.key");

    private WebApplication Server() => FajmaServer.Build(["--Urls=http://127.0.0.1:0", "--Mqtt:Enabled=false", $"--Storage:DataDirectory={_data}",
        "--Logging:LogLevel:Default=Warning"]);

    /// <summary>Stores one signed reading (heart rate <paramref name="heartRate"/>) for a new patient through the real pipeline.</summary>
    private async Task<int> StoreReadingAsync(double heartRate)
    {
        var app = Server();
        await app.MigrateStoreAsync();
        await app.StartAsync();
        try
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<FajmaDbContext>();
            var patient = new Patient { DisplayName = "Rotation test", DateOfBirth = new DateOnly(1970, 1, 1) };
            db.Patients.Add(patient);
            await db.SaveChangesAsync();
            var bundle = await scope.ServiceProvider.GetRequiredService<DeviceProvisioning>()
                .ProvisionAsync($"KEYS-{patient.Id}", DeviceTypes.Esp32Monitor, patient.Id, AuditActor.Console("test"), CancellationToken.None);
            var message = StandardMessageBuilder.Flat(new FlatDeviceMessage(bundle.DeviceId, 1_000, heartRate, 97, 36.8), DeviceSecrets.Decode(bundle.Secret));
            var outcome = await app.Services.GetRequiredService<IngestionPipeline>().IngestAsync(message, new IngestSource(IngestSource.Http, "test"), CancellationToken.None);
            Assert.Null(outcome.Rejection);
            return patient.Id;
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private async Task<double> ReadHeartRateAsync(int patientId)
    {
        await using var app = Server();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FajmaDbContext>();
        var rows = await db.Observations.Where(o => o.PatientId == patientId && o.Type == "heart_rate")
            .ReadAsync(app.Services.GetRequiredService<PatientKeys>(), CancellationToken.None);
        return Assert.Single(rows).Value;
    }

    private async Task<string> ReadNameAsync(int patientId)
    {
        await using var app = Server();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FajmaDbContext>();
        return await db.Patients.Where(p => p.Id == patientId).Select(p => p.DisplayName).SingleAsync();
    }

    private Task<int> RotateAsync() => KeysCommand.Create().Parse(["rotate-master", $"--Storage:DataDirectory={_data}", "--Logging:LogLevel:Default=Warning"]).InvokeAsync();

    [Fact]
    public async Task RotatingTheMasterKeyKeepsEveryValueReadableAndRetiresTheOldKey()
    {
        var first = await StoreReadingAsync(81.5);
        var second = await StoreReadingAsync(64.25);
        var oldKey = await File.ReadAllTextAsync(MasterPath);

        Assert.Equal(0, await RotateAsync());

        Assert.NotEqual(oldKey, await File.ReadAllTextAsync(MasterPath));
        Assert.False(File.Exists(MasterKey.NextPath(MasterPath)));
        Assert.Equal(81.5, await ReadHeartRateAsync(first));
        Assert.Equal(64.25, await ReadHeartRateAsync(second));
        Assert.Equal("Rotation test", await ReadNameAsync(first)); // resealed under the new key
        // Only the new key is left: a server given the old one cannot open a single data key, nor a name.
        await File.WriteAllTextAsync(MasterPath, oldKey);
        await Assert.ThrowsAnyAsync<System.Security.Cryptography.CryptographicException>(() => ReadHeartRateAsync(first));
        await Assert.ThrowsAnyAsync<System.Security.Cryptography.CryptographicException>(() => ReadNameAsync(first));
    }

    [Fact]
    public async Task AnInterruptedRotationResumesWithTheKeyItHadAlreadyWritten()
    {
        var patient = await StoreReadingAsync(90.75);
        var next = MasterKey.New();
        next.WriteTo(MasterKey.NextPath(MasterPath)); // the state a rotation leaves if killed before rewrapping

        Assert.Equal(0, await RotateAsync());

        Assert.Equal(next.Id, MasterKey.Load(null, MasterPath).Id);
        Assert.Equal(90.75, await ReadHeartRateAsync(patient));
    }

    public void Dispose() => Directory.Delete(_data, recursive: true);
}
