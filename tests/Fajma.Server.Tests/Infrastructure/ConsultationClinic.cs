using System.Net.Http.Json;
using Fajma.Server.Identity;

namespace Fajma.Server.Tests.Infrastructure;

/// <summary>A host whose devices get 2 s to answer, a TURN secret, and outsiders: another patient and another doctor.</summary>
public sealed class ConsultationClinic : IAsyncLifetime
{
    private int _next;

    public FajmaHost Host { get; private set; } = null!;

    public string OtherPatientToken { get; private set; } = "";

    public string OtherDoctorToken { get; private set; } = "";

    public Dictionary<int, int> PatientUserIds { get; } = [];

    public async Task InitializeAsync()
    {
        Host = await FajmaHost.StartAsync(await TestDatabase.SqliteAsync(), "--Consultations:DeviceReadyTimeout=00:00:02",
            "--Rtc:TurnUrls:0=turn:127.0.0.1:3478", "--Rtc:TurnSecret=test-turn-secret");
        var (other, _) = await Host.RegisterPatientWithDeviceAsync();
        await Host.CreateAccountAsync("other-patient@test.fajma", Roles.Patient, FajmaHost.Password, other);
        OtherPatientToken = await Host.TokenAsync("other-patient@test.fajma", FajmaHost.Password);
        await Host.CreateAccountAsync("other-doctor@test.fajma", Roles.Doctor, FajmaHost.Password);
        OtherDoctorToken = await Host.TokenAsync("other-doctor@test.fajma", FajmaHost.Password);
    }

    /// <summary>A patient of the doctor's care team with an account and two provisioned devices.</summary>
    public async Task<(int PatientId, string FirstDevice, string SecondDevice, string Token)> PatientWithTwoDevicesAsync()
    {
        var (patientId, first) = await Host.RegisterPatientWithDeviceAsync();
        var second = $"SECOND-{Guid.NewGuid():N}"[..20];
        var device = await Host.Admin.PostAsJsonAsync("/api/v1/devices", new Devices.RegisterDeviceRequest(second, Devices.DeviceTypes.PulseOximeter, patientId));
        device.EnsureSuccessStatusCode();
        Messages.Secrets[second] = Devices.DeviceSecrets.Decode((await device.Content.ReadFromJsonAsync<Devices.DeviceBundleDto>())!.Secret);
        var email = $"patient{Interlocked.Increment(ref _next)}@test.fajma";
        PatientUserIds[patientId] = await Host.CreateAccountAsync(email, Roles.Patient, FajmaHost.Password, patientId);
        return (patientId, first, second, await Host.TokenAsync(email, FajmaHost.Password));
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
