using Fajma.Server.Devices;
using Fajma.Server.Identity;
using Fajma.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Fajma.Server.Demo;

/// <summary>
/// The demo clinic: a few patients, each with an ESP32 monitor (flat JSON over MQTT: heart rate,
/// SpO2, temperature) and a blood-pressure cuff sending standard messages over HTTPS. Idempotent: a second start reuses what exists.
/// Accounts (password <see cref="DemoPassword"/>): doctor@fajma.demo (every demo patient in their care team),
/// doctor2@fajma.demo (no patients), patient@fajma.demo (the first patient), admin@fajma.demo.
/// Scoped (it writes through one context): <c>fajma demo</c> registers it with <see cref="DemoExtensions.AddDemoClinic"/>.
/// </summary>
public sealed class DemoClinic(FajmaDbContext db, Accounts accounts, DeviceDirectory directory, DeviceSecrets secrets, TimeProvider time)
{
    /// <summary>The demo accounts' password (ARCHITECTURE §4). The demo is never production: it binds to 127.0.0.1.</summary>
    public const string DemoPassword = "fajma-demo";

    private static readonly (string Name, DateOnly Born)[] s_patients =
    [
        ("Amina Diallo", new(1958, 3, 14)),
        ("Jean-Marc Lefèvre", new(1947, 11, 2)),
        ("Fatou Ndiaye", new(1989, 6, 23)),
        ("Claire Dubois", new(1972, 1, 9)),
        ("Moussa Traoré", new(1965, 8, 30)),
        ("Élodie Martin", new(1994, 4, 17)),
    ];

    public async Task<IReadOnlyList<DemoDevice>> SeedAsync(int patientCount, CancellationToken cancellationToken)
    {
        var doctor = await accounts.EnsureAsync("doctor@fajma.demo", "Dr Awa Sarr", Roles.Doctor, DemoPassword, null, cancellationToken);
        var colleague = await accounts.EnsureAsync("doctor2@fajma.demo", "Dr Paul Girard", Roles.Doctor, DemoPassword, null, cancellationToken);
        await accounts.EnsureAsync("admin@fajma.demo", "Admin Fajma", Roles.Admin, DemoPassword, null, cancellationToken);
        var devices = new List<DemoDevice>();
        // Found by name after reading: names are sealed in the store, and the demo's patients are few.
        var existing = (await db.Patients.ToListAsync(cancellationToken)).ToLookup(p => p.DisplayName, StringComparer.Ordinal);
        for (var i = 0; i < patientCount; i++)
        {
            var (name, born) = s_patients[i % s_patients.Length];
            if (i >= s_patients.Length) name = $"{name} ({i / s_patients.Length + 1})";
            var patient = existing[name].SingleOrDefault();
            if (patient is null)
            {
                patient = new Patient { DisplayName = name, DateOfBirth = born, CreatedAt = time.GetUtcNow() };
                db.Patients.Add(patient);
                await db.SaveChangesAsync(cancellationToken);
            }
            await accounts.AddToCareTeamAsync(doctor.Id, patient.Id, cancellationToken);
            if (i == 0)
            {
                // A second doctor in the first patient's team: escalation pages them next, and both screens follow one alert.
                await accounts.AddToCareTeamAsync(colleague.Id, patient.Id, cancellationToken);
                await accounts.EnsureAsync("patient@fajma.demo", name, Roles.Patient, DemoPassword, patient.Id, cancellationToken);
                await EnsureUpcomingConsultationAsync(doctor.Id, patient.Id, cancellationToken);
            }
            await EnsureAlarmProfileAsync(doctor.Id, patient.Id, cancellationToken);
            var n = i + 1;
            devices.Add(await EnsureDeviceAsync($"24:6F:28:00:{n / 256:X2}:{n % 256:X2}", DeviceTypes.Esp32Monitor, patient.Id, true, cancellationToken));
            devices.Add(await EnsureDeviceAsync($"FAJMA-IOT-{n:D3}", DeviceTypes.BloodPressureMonitor, patient.Id, false, cancellationToken));
        }
        return devices;
    }

    /// <summary>
    /// Every demo patient has an alarm profile: the suggested trend rules and a 15 s SpO₂ delay (the ward study's), so the
    /// demo's episodes show trend alerts and the alarm burden per rule fills as they fire and resolve.
    /// </summary>
    private async Task EnsureAlarmProfileAsync(int doctorId, int patientId, CancellationToken cancellationToken)
    {
        if (await db.AlarmProfiles.AnyAsync(p => p.PatientId == patientId, cancellationToken)) return;
        var profile = Core.Alerts.AlarmProfile.Default with
        {
            Limits = [new Core.Alerts.SignLimits("spo2", null, null, TimeSpan.FromSeconds(15))],
            Trends = Core.Alerts.AlarmProfile.SuggestedTrends,
        };
        db.AlarmProfiles.Add(new PatientAlarmProfile
        {
            PatientId = patientId, TimeZone = profile.TimeZone, NightStart = profile.NightStart.Hour * 60, NightEnd = profile.NightEnd.Hour * 60,
            Document = Alerts.Profiles.AlarmProfileMapping.Document(profile), SetBy = doctorId, SetAt = time.GetUtcNow(),
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The doctor and the demo patient always have a consultation coming up, so the room can be tried at once.</summary>
    private async Task EnsureUpcomingConsultationAsync(int doctorId, int patientId, CancellationToken cancellationToken)
    {
        if (await db.Consultations.AnyAsync(c => c.DoctorId == doctorId && c.PatientId == patientId && c.State == Core.Consultations.ConsultationState.Scheduled, cancellationToken))
            return;
        var now = time.GetUtcNow();
        db.Consultations.Add(new Consultation
        {
            PatientId = patientId, DoctorId = doctorId, ScheduledAt = now.AddMinutes(10), Reason = "Suivi tension artérielle / blood pressure follow-up",
            State = Core.Consultations.ConsultationState.Scheduled, StateChangedAt = now, CreatedAt = now,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<DemoDevice> EnsureDeviceAsync(string id, string type, int patientId, bool usesMqtt, CancellationToken cancellationToken)
    {
        var device = await db.Devices.SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (device is null)
        {
            device = new Device { Id = id, Type = type, PatientId = patientId, RegisteredAt = time.GetUtcNow() };
            db.Devices.Add(device);
        }
        byte[] secret;
        if (device.SecretProtected is null)
        {
            (secret, device.SecretProtected) = secrets.Create();
            await db.SaveChangesAsync(cancellationToken);
        }
        else
        {
            secret = secrets.Unprotect(device.SecretProtected);
        }
        directory.Update(new KnownDevice(id, type, patientId, secret));
        return new DemoDevice(id, type, patientId, usesMqtt, secret);
    }
}
