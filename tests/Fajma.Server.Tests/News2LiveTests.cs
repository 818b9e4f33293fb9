using System.Net;
using System.Net.Http.Json;
using Fajma.Core.Vitals;
using Fajma.Core.Wire;
using Fajma.Server.Alerts;
using Fajma.Server.Alerts.Profiles;
using Fajma.Server.Monitoring;
using Fajma.Server.Patients;
using Fajma.Server.Tests.Infrastructure;

namespace Fajma.Server.Tests;

/// <summary>NEWS2 from live vitals, for adults only, raising at medium and high risk.</summary>
public sealed class News2LiveTests(SqliteHostFixture fixture) : IClassFixture<SqliteHostFixture>
{
    private readonly FajmaHost _host = fixture.Host;

    /// <summary>RR 25 (3), SpO2 91 % on scale 1 (3), systolic 95 (2), HR 115 (2), 38.8 °C (1): 11 from the sensors alone.</summary>
    private Task<HttpResponseMessage> SendDeterioratingAsync(string deviceId, DateTimeOffset at) =>
        _host.Http.PostAsync("/api/v1/iot/realtime-data/", Messages.Json(StandardMessageBuilder.ToUtf8(StandardMessageBuilder.Build(deviceId, Guid.NewGuid(), at,
        [
            new Measurement(VitalSignType.RespiratoryRate, 25, MeasuredAt: at), new Measurement(VitalSignType.OxygenSaturation, 91, MeasuredAt: at),
            new Measurement(VitalSignType.BloodPressure, 95, 60, MeasuredAt: at), new Measurement(VitalSignType.HeartRate, 115, MeasuredAt: at),
            new Measurement(VitalSignType.BodyTemperature, 38.8, MeasuredAt: at),
        ], secret: Messages.Secrets[deviceId]))));

    [Fact]
    public async Task AnAdultsDeterioratingVitalsScoreHighAndPageWhileTheDoctorsInputsCompleteTheScore()
    {
        var (patientId, deviceId) = await _host.RegisterPatientWithDeviceAsync();
        await using var doctor = await AlertListener.ConnectAsync(_host.Url, _host.DoctorToken, patientId);

        (await SendDeterioratingAsync(deviceId, DateTimeOffset.UtcNow.AddSeconds(-2))).EnsureSuccessStatusCode();
        (await SendDeterioratingAsync(deviceId, DateTimeOffset.UtcNow.AddSeconds(-1))).EnsureSuccessStatusCode();

        var alert = await doctor.NextAsync(a => a.Kind == "news2", "the NEWS2 alert");
        Assert.Equal(("critical", 11.0), (alert.Severity, alert.Value));
        var partial = await _host.Http.GetFromJsonAsync<News2Dto>($"/api/v1/patients/{patientId}/news2");
        Assert.Equal((true, 11, "high", false), (partial!.Adult, partial.Total, partial.Risk, partial.Complete));
        Assert.Equal(["supplemental_oxygen", "consciousness"], partial.Missing);

        var set = await _host.Http.PutAsJsonAsync($"/api/v1/patients/{patientId}/news2/inputs", new News2InputsDto("voice", true, false));
        var complete = await set.Content.ReadFromJsonAsync<News2Dto>();
        Assert.Equal((16, true), (complete!.Total, complete.Complete)); // + oxygen 2 + consciousness V 3
        var pushed = await Wait.ForAsync(doctor.News2.Reader, n => n.Total == 16, "the new score on the hub");
        Assert.Equal(3, pushed.Scores!["consciousness"]);
        var bad = await _host.Http.PutAsJsonAsync($"/api/v1/patients/{patientId}/news2/inputs", new News2InputsDto("drowsy", null, false));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("consciousness", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>
    /// A score over more parameters is not a rise: heart rate alone (0) then all five signs (RR 25: 3) is not "NEWS2 up 3".
    /// The demo raised exactly that within seconds of starting, as each patient's devices reported one by one.
    /// </summary>
    [Fact]
    public async Task ANews2TrendComparesScoresOverTheSameSignsNotAScoreThatGainedInputs()
    {
        var (patientId, deviceId) = await _host.RegisterPatientWithDeviceAsync();
        (await _host.Http.PutAsJsonAsync($"/api/v1/patients/{patientId}/alarm-profile",
            new AlarmProfileRequest("Europe/Paris", "22:00", "07:00", [], [new TrendRuleDto("news2", "up", 2, 60, "major")], []))).EnsureSuccessStatusCode();
        await using var doctor = await AlertListener.ConnectAsync(_host.Url, _host.DoctorToken, patientId);
        Task<HttpResponseMessage> Send(DateTimeOffset at, params Measurement[] measurements) => _host.Http.PostAsync("/api/v1/iot/realtime-data/",
            Messages.Json(StandardMessageBuilder.ToUtf8(StandardMessageBuilder.Build(deviceId, Guid.NewGuid(), at, measurements, secret: Messages.Secrets[deviceId]))));
        var t = DateTimeOffset.UtcNow.AddSeconds(-4);

        (await Send(t, new Measurement(VitalSignType.HeartRate, 80, MeasuredAt: t))).EnsureSuccessStatusCode();
        (await Send(t.AddSeconds(1), new Measurement(VitalSignType.RespiratoryRate, 25, MeasuredAt: t.AddSeconds(1)),
            new Measurement(VitalSignType.OxygenSaturation, 97, MeasuredAt: t.AddSeconds(1)), new Measurement(VitalSignType.BloodPressure, 125, 80, MeasuredAt: t.AddSeconds(1)),
            new Measurement(VitalSignType.HeartRate, 80, MeasuredAt: t.AddSeconds(1)), new Measurement(VitalSignType.BodyTemperature, 37, MeasuredAt: t.AddSeconds(1)))).EnsureSuccessStatusCode();
        (await SendDeterioratingAsync(deviceId, t.AddSeconds(2))).EnsureSuccessStatusCode();

        var rise = await doctor.NextAsync(a => a.Kind == "trend" && a.Rule == "trend:news2:up", "the NEWS2 trend alert");
        Assert.Equal(11.0, rise.Value); // from 3 to 11 over the same signs; never raised at 3 by the signs that joined
    }

    [Fact]
    public async Task NoNews2ForAChildAndTheAnswerSaysWhy()
    {
        var child = await _host.Admin.PostAsJsonAsync("/api/v1/patients", new CreatePatientRequest("Child patient", DateOnly.FromDateTime(DateTime.UtcNow).AddYears(-9)));
        var patientId = (await child.Content.ReadFromJsonAsync<PatientDto>())!.Id;
        await using (var scope = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.CreateAsyncScope(_host.App.Services))
            await Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Identity.Accounts>(scope.ServiceProvider)
                .AddToCareTeamAsync(_host.DoctorId, patientId, CancellationToken.None);

        var news2 = await _host.Http.GetFromJsonAsync<News2Dto>($"/api/v1/patients/{patientId}/news2");

        Assert.Equal((false, (int?)null, (string?)null), (news2!.Adult, news2.Total, news2.Risk));
    }
}
