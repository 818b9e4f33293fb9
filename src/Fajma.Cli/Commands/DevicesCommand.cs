using System.CommandLine;
using System.Text.Json;
using Fajma.Server;
using Fajma.Server.Devices;
using Fajma.Server.Ingestion.Mqtt;
using Fajma.Server.Privacy;
using Fajma.Server.Storage;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace Fajma.Cli.Commands;

/// <summary><c>fajma devices provision | rotate | revoke</c>: device credentials, written for the ESP32 and the C# SDK to read.</summary>
internal static class DevicesCommand
{
    public static Command Create()
    {
        var patient = new Option<int>("--patient") { Description = "The patient the device measures", Required = true };
        var type = new Option<string>("--type") { Description = $"One of {string.Join(", ", DeviceTypes.All)}", Required = true };
        type.AcceptOnlyFromAmong([.. DeviceTypes.All]);
        var id = new Option<string?>("--id") { Description = "Device id (default: a new FAJMA-… id)" };
        var output = new Option<DirectoryInfo>("--out") { Description = "Where to write ca.pem, device.pem, device.key, device.json", Required = true };
        var provision = new Command("provision", "Register a device and write its certificate, key and secret") { patient, type, id, output };
        provision.TreatUnmatchedTokensAsErrors = false;
        provision.SetAction((parseResult, ct) => WithProvisioningAsync(parseResult, async (p, mqttUrl) =>
        {
            var deviceId = parseResult.GetValue(id) ?? $"FAJMA-{Guid.NewGuid().ToString("N")[..10].ToUpperInvariant()}";
            var bundle = await p.ProvisionAsync(deviceId, parseResult.GetValue(type)!, parseResult.GetValue(patient), AuditActor.Console("fajma devices provision"), ct);
            await WriteBundleAsync(bundle, parseResult.GetValue(output)!, mqttUrl, ct);
        }));

        var rotateId = new Option<string>("--id") { Required = true };
        var rotateOut = new Option<DirectoryInfo>("--out") { Required = true };
        var rotate = new Command("rotate", "New certificate and secret for a device; the old ones stop working") { rotateId, rotateOut };
        rotate.TreatUnmatchedTokensAsErrors = false;
        rotate.SetAction((parseResult, ct) => WithProvisioningAsync(parseResult, async (p, mqttUrl) =>
            await WriteBundleAsync(await p.RotateAsync(parseResult.GetValue(rotateId)!, AuditActor.Console("fajma devices rotate"), ct), parseResult.GetValue(rotateOut)!, mqttUrl, ct)));

        var revokeId = new Option<string>("--id") { Required = true };
        var revoke = new Command("revoke", "Refuse a device from now on, on every transport") { revokeId };
        revoke.TreatUnmatchedTokensAsErrors = false;
        revoke.SetAction((parseResult, ct) => WithProvisioningAsync(parseResult, async (p, _) =>
        {
            await p.RevokeAsync(parseResult.GetValue(revokeId)!, AuditActor.Console("fajma devices revoke"), ct);
            AnsiConsole.MarkupLineInterpolated(System.Globalization.CultureInfo.InvariantCulture, $"[yellow]revoked[/] {parseResult.GetValue(revokeId)}");
        }));

        return new Command("devices", "Device credentials (the store is chosen as for serve, e.g. --Storage:DataDirectory=data)") { provision, rotate, revoke };
    }

    private static async Task<int> WithProvisioningAsync(ParseResult parseResult, Func<DeviceProvisioning, string, Task> action)
    {
        var app = FajmaServer.Build([.. parseResult.UnmatchedTokens]);
        await app.MigrateStoreAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var mqtt = app.Services.GetRequiredService<IOptions<MqttOptions>>().Value;
        // Provisioning is audited: the audit writer runs for the command's lifetime (the host itself is not started).
        var audit = app.Services.GetRequiredService<AuditLog>();
        await audit.StartAsync(CancellationToken.None);
        try
        {
            await action(scope.ServiceProvider.GetRequiredService<DeviceProvisioning>(), mqtt.TlsUrl);
            return 0;
        }
        catch (InvalidOperationException e)
        {
            AnsiConsole.MarkupLineInterpolated(System.Globalization.CultureInfo.InvariantCulture, $"[red]{e.Message}[/]");
            return 1;
        }
        finally
        {
            await audit.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>The pinned bundle: ca.pem, device.pem, device.key (0600) and device.json {deviceId, patientId, secret, mqttUrl}.</summary>
    internal static async Task WriteBundleAsync(ProvisionedDevice bundle, DirectoryInfo directory, string mqttUrl, CancellationToken ct)
    {
        directory.Create();
        await File.WriteAllTextAsync(Path.Combine(directory.FullName, "ca.pem"), bundle.CaPem, ct);
        await File.WriteAllTextAsync(Path.Combine(directory.FullName, "device.pem"), bundle.CertificatePem, ct);
        var keyOptions = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) keyOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        await using (var key = new StreamWriter(Path.Combine(directory.FullName, "device.key"), keyOptions)) await key.WriteAsync(bundle.KeyPem);
        var json = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["deviceId"] = bundle.DeviceId, ["patientId"] = bundle.PatientId, ["secret"] = bundle.Secret, ["mqttUrl"] = mqttUrl,
        }, s_indented);
        var jsonOptions = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) jsonOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        await using (var file = new StreamWriter(Path.Combine(directory.FullName, "device.json"), jsonOptions)) await file.WriteAsync(json);
        AnsiConsole.MarkupLineInterpolated(System.Globalization.CultureInfo.InvariantCulture, $"[green]{bundle.DeviceId}[/] → {directory.FullName} (ca.pem, device.pem, device.key, device.json)");
    }

    private static readonly JsonSerializerOptions s_indented = new() { WriteIndented = true };
}
