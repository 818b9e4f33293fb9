using System.Security.Cryptography.X509Certificates;
using Fajma.Cli.Commands;
using Fajma.Server;
using Fajma.Server.Devices;
using Fajma.Server.Storage;

namespace Fajma.Cli.Tests;

/// <summary><c>fajma broker config</c> on a real data directory, and <c>fajma devices revoke</c> rewriting the broker's CRL.</summary>
public sealed class BrokerCommandTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("fajma-broker-").FullName;

    private string Out => Path.Combine(_data, "broker");

    private string[] Settings => [$"--Storage:DataDirectory={_data}/data", "--Logging:LogLevel:Default=Warning", $"--Mqtt:BrokerConfigDirectory={Out}"];

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public async Task BrokerConfigWritesATlsListenerWithClientCertificatesAclsAndACrlFromTheDeviceCa()
    {
        Assert.Equal(0, await BrokerCommand.Create().Parse(["config", "--out", Out, "--port", "18883", "--node", "fajma-node-a", "--node", "fajma-node-b", .. Settings]).InvokeAsync());

        var conf = await File.ReadAllTextAsync(Path.Combine(Out, "mosquitto.conf"));
        foreach (var line in (string[])["listener 18883 127.0.0.1", "require_certificate true", "use_identity_as_username true", "use_username_as_clientid true",
                     "tls_version tlsv1.2", "allow_anonymous false", $"crlfile {Out}/crl.pem", $"acl_file {Out}/acl", $"cafile {Out}/ca.pem"])
            Assert.Contains(line, conf, StringComparison.Ordinal);
        var acl = await File.ReadAllTextAsync(Path.Combine(Out, "acl"));
        Assert.Contains("pattern write fajma/sensors/%u\n", acl, StringComparison.Ordinal);
        Assert.Contains("pattern read fajma/devices/%u/commands\n", acl, StringComparison.Ordinal);
        Assert.Contains("user fajma-node-b\n", acl, StringComparison.Ordinal);
        var ca = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(Path.Combine(Out, "ca.pem")));
        using var node = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(Path.Combine(Out, "nodes", "fajma-node-a.pem")));
        Assert.Equal(ca.SubjectName.Name, node.IssuerName.Name);
        Assert.Equal("fajma-node-a", node.GetNameInfo(X509NameType.SimpleName, false));
        Assert.False(Lists(await File.ReadAllTextAsync(Path.Combine(Out, BrokerTrust.CrlFile)), node));
    }

    [Fact]
    public async Task ANodeIdWithoutTheNodePrefixIsRefused()
    {
        Assert.Equal(1, await BrokerCommand.Create().Parse(["config", "--out", Out, "--node", "TEST-1", .. Settings]).InvokeAsync());
        Assert.False(File.Exists(Path.Combine(Out, "mosquitto.conf")));
    }

    [Fact]
    public async Task RotatingThenRevokingADeviceFromTheCommandLinePutsEachOfItsCertificatesOnTheBrokersCrl()
    {
        Assert.Equal(0, await BrokerCommand.Create().Parse(["config", "--out", Out, .. Settings]).InvokeAsync());
        var app = FajmaServer.Build(Settings);
        await app.MigrateStoreAsync();
        int patientId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<FajmaDbContext>();
            var patient = new Patient { DisplayName = "Broker test", DateOfBirth = new DateOnly(1970, 1, 1) };
            db.Patients.Add(patient);
            await db.SaveChangesAsync();
            patientId = patient.Id;
        }
        await app.DisposeAsync();
        Assert.Equal(0, await DevicesCommand.Create().Parse(["provision", "--patient", $"{patientId}", "--type", DeviceTypes.Esp32Monitor, "--id", "CRL-1",
            "--out", Path.Combine(_data, "device"), .. Settings]).InvokeAsync());

        using var first = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(Path.Combine(_data, "device", "device.pem")));

        Assert.Equal(0, await DevicesCommand.Create().Parse(["rotate", "--id", "CRL-1", "--out", Path.Combine(_data, "rotated"), .. Settings]).InvokeAsync());
        using var second = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(Path.Combine(_data, "rotated", "device.pem")));
        var afterRotation = await File.ReadAllTextAsync(Path.Combine(Out, BrokerTrust.CrlFile));
        Assert.Equal((true, false), (Lists(afterRotation, first), Lists(afterRotation, second)));

        Assert.Equal(0, await DevicesCommand.Create().Parse(["revoke", "--id", "CRL-1", .. Settings]).InvokeAsync());
        var afterRevocation = await File.ReadAllTextAsync(Path.Combine(Out, BrokerTrust.CrlFile));
        Assert.Equal((true, true), (Lists(afterRevocation, first), Lists(afterRevocation, second)));
    }

    /// <summary>Whether the PEM CRL lists <paramref name="certificate"/>, read back with the .NET builder that wrote it.</summary>
    private static bool Lists(string crlPem, X509Certificate2 certificate) =>
        CertificateRevocationListBuilder.LoadPem(crlPem, out _).RemoveEntry(certificate.SerialNumberBytes.Span);
}
