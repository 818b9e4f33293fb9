using System.Net;
using System.Net.Http.Json;
using Fajma.Server.Consultations;
using Fajma.Server.Tests.Infrastructure;
using Ical.Net;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;

namespace Fajma.Server.Tests;

/// <summary>Around the visit through the real host: the calendar invitation, the recording-consent gate, the visit report.</summary>
public sealed class VisitTests(ConsultationClinic clinic) : IClassFixture<ConsultationClinic>
{
    private FajmaHost Host => clinic.Host;

    private async Task<int> ScheduleAsync(int patientId, DateTimeOffset at, string reason = "follow-up of hypertension")
    {
        var response = await Host.Http.PostAsJsonAsync("/api/v1/consultations", new ScheduleConsultationRequest(patientId, at, reason));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ConsultationDto>())!.Id;
    }

    private HttpClient As(string token)
    {
        var client = new HttpClient { BaseAddress = Host.Url };
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    private static async Task<(Calendar Calendar, string Text)> InvitationAsync(HttpClient client, int id)
    {
        var response = await client.GetAsync($"/api/v1/consultations/{id}/invitation.ics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        return (Calendar.Load(text)!, text);
    }

    /// <summary>Doctor and patient in the room, the call begun (state active).</summary>
    private async Task<(int Id, ConsultationClient Doctor, ConsultationClient Patient, int PatientId, string Device, string PatientToken)> ActiveCallAsync()
    {
        var (patientId, device, _, patientToken) = await clinic.PatientWithTwoDevicesAsync();
        var id = await ScheduleAsync(patientId, DateTimeOffset.UtcNow.AddMinutes(1));
        var doctor = await ConsultationClient.ConnectAsync(Host.Url, Host.DoctorToken);
        var patient = await ConsultationClient.ConnectAsync(Host.Url, patientToken);
        await patient.JoinAsync(id);
        await doctor.JoinAsync(id);
        await doctor.DoAsync("StartConsultation", id);
        await patient.DoAsync("AcceptConsultation", id);
        await doctor.DoAsync("BeginConsultation", id);
        return (id, doctor, patient, patientId, device, patientToken);
    }

    [Fact]
    public async Task TheInvitationIsOneEventInUtcWhoseSequenceRisesWhenMovedAndWhichIsCancelledWithTheSameUid()
    {
        var (patientId, _, _, patientToken) = await clinic.PatientWithTwoDevicesAsync();
        var at = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(3).AddHours(9), TimeSpan.Zero);
        var id = await ScheduleAsync(patientId, at, "suspected arrhythmia");
        using var patient = As(patientToken);

        var (scheduled, text) = await InvitationAsync(patient, id);
        var visit = Assert.Single(scheduled.Events);
        Assert.Equal(("REQUEST", $"consultation-{id}@fajma", 0), (scheduled.Method, visit.Uid, visit.Sequence));
        Assert.Equal((at.UtcDateTime, true), (visit.DtStart!.AsUtc, visit.DtStart.IsUtc));
        Assert.Equal(at.UtcDateTime.AddMinutes(30), visit.DtEnd!.AsUtc);
        Assert.Equal(new Uri(new Uri("http://localhost:5000/"), $"consultations/{id}/precall"), visit.Url);
        Assert.Equal($"mailto:{FajmaHost.DoctorEmail}", visit.Organizer!.Value!.ToString());
        Assert.DoesNotContain("arrhythmia", text, StringComparison.OrdinalIgnoreCase); // nothing clinical in a calendar

        var moved = await Host.Http.PostAsJsonAsync($"/api/v1/consultations/{id}/reschedule", new RescheduleRequest(at.AddHours(2)));
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var (afterMove, _) = await InvitationAsync(patient, id);
        Assert.Equal(("REQUEST", $"consultation-{id}@fajma", 1, at.UtcDateTime.AddHours(2)),
            (afterMove.Method, afterMove.Events[0]!.Uid, afterMove.Events[0]!.Sequence, afterMove.Events[0]!.DtStart!.AsUtc));

        Assert.Equal(HttpStatusCode.OK, (await Host.Http.PostAsync($"/api/v1/consultations/{id}/cancel", null)).StatusCode);
        var (cancelled, _) = await InvitationAsync(Host.Http, id);
        Assert.Equal(("CANCEL", $"consultation-{id}@fajma", 2, "CANCELLED"),
            (cancelled.Method, cancelled.Events[0]!.Uid, cancelled.Events[0]!.Sequence, cancelled.Events[0]!.Status));

        using var otherPatient = As(clinic.OtherPatientToken);
        using var otherDoctor = As(clinic.OtherDoctorToken);
        Assert.Equal(HttpStatusCode.NotFound, (await otherPatient.GetAsync($"/api/v1/consultations/{id}/invitation.ics")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherDoctor.GetAsync($"/api/v1/consultations/{id}/invitation.ics")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await new HttpClient { BaseAddress = Host.Url }.GetAsync($"/api/v1/consultations/{id}/invitation.ics")).StatusCode);
    }

    [Fact]
    public async Task RecordingIsRefusedWithoutThePatientsConsentAndStopsWhenTheyWithdrawIt()
    {
        var (id, doctorClient, patientClient, patientId, _, _) = await ActiveCallAsync();
        await using var doctor = doctorClient;
        await using var patient = patientClient;

        var refused = await Assert.ThrowsAsync<HubException>(() => doctor.DoAsync("StartRecording", id));
        Assert.Contains("the patient has not consented to recording this consultation", refused.Message, StringComparison.Ordinal);
        var notTheirs = await Assert.ThrowsAsync<HubException>(() => doctor.Hub.InvokeAsync<ConsultationDto>("AnswerRecordingConsent", id, true));
        Assert.Contains("only the patient may consent", notTheirs.Message, StringComparison.Ordinal);

        var asked = await doctor.DoAsync("RequestRecordingConsent", id);
        Assert.Equal("asked", asked.RecordingConsent);
        await Wait.ForAsync(patient.Consents.Reader, c => c.ConsultationId == id && c.Consent == "asked", "the question in the patient's room");
        await patient.Hub.InvokeAsync<ConsultationDto>("AnswerRecordingConsent", id, false);
        Assert.Contains("(they refused)", (await Assert.ThrowsAsync<HubException>(() => doctor.DoAsync("StartRecording", id))).Message, StringComparison.Ordinal);

        var given = await patient.Hub.InvokeAsync<ConsultationDto>("AnswerRecordingConsent", id, true);
        Assert.Equal("given", given.RecordingConsent);
        Assert.Equal("recording", (await doctor.DoAsync("StartRecording", id)).State);
        await Wait.ForAsync(patient.States.Reader, s => s.ConsultationId == id && s.To == "recording", "the patient seeing the recording begin");

        var withdrawn = await patient.Hub.InvokeAsync<ConsultationDto>("AnswerRecordingConsent", id, false);
        Assert.Equal(("active", "withdrawn"), (withdrawn.State, withdrawn.RecordingConsent));
        var stopped = await Wait.ForAsync(doctor.States.Reader, s => s.ConsultationId == id && s.From == "recording", "the doctor seeing the recording stop");
        Assert.Equal(("active", "withdraw_consent", "patient"), (stopped.To, stopped.Trigger, stopped.ByRole));

        var audited = await Host.QueryAsync(db => db.AuditEntries.Where(e => e.Action == Privacy.AuditActions.ConsultationRecordingConsent && e.Target == $"consultation:{id}")
            .OrderBy(e => e.Id).Select(e => e.Detail).ToListAsync());
        Assert.Equal(["not_asked → asked", "asked → refused", "refused → given", "given → withdrawn"], audited);
        Assert.Equal(patientId, (await Host.QueryAsync(db => db.Consultations.SingleAsync(c => c.Id == id))).PatientId);
    }

    [Fact]
    public async Task TheVisitReportHoldsTheCallsNoteVitalsAndAlertsInTheReadersLanguageAndNobodyElseGetsIt()
    {
        var (id, doctorClient, patientClient, patientId, deviceId, patientToken) = await ActiveCallAsync();
        await using var doctor = doctorClient;
        await using var patient = patientClient;
        await using var alerts = await AlertListener.ConnectAsync(Host.Url, Host.DoctorToken, patientId);
        using var mqtt = await Host.ConnectMqttAsync(deviceId);
        var device = new Esp32(mqtt, deviceId);
        await device.SendAsync(72);
        await device.SendAsync(163);
        await device.SendAsync(167);
        var raised = await alerts.NextAsync(a => a.PatientId == patientId && a.Event == "raised" && a.VitalType == "heart_rate", "the call's heart-rate alert");
        Assert.Equal(HttpStatusCode.Conflict, (await Host.Http.GetAsync($"/api/v1/consultations/{id}/report")).StatusCode); // not before the end
        await doctor.Hub.InvokeAsync<ConsultationDto>("EndConsultation", id, "Tachycardia <at rest>; see again in a week.");

        using var asPatient = As(patientToken);
        asPatient.DefaultRequestHeaders.AcceptLanguage.ParseAdd("fr-FR,fr;q=0.9");
        var response = await asPatient.GetAsync($"/api/v1/consultations/{id}/report");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var fr = await response.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"fr\">", fr, StringComparison.Ordinal);
        Assert.Contains("Fréquence cardiaque", fr, StringComparison.Ordinal);
        Assert.Contains("Tachycardia &lt;at rest&gt;; see again in a week.", fr, StringComparison.Ordinal); // the note, encoded
        Assert.Contains("max 167", fr, StringComparison.Ordinal);
        Assert.Contains("<svg class=\"chart\"", fr, StringComparison.Ordinal);
        Assert.Contains(raised.Title.Replace("<", "&lt;", StringComparison.Ordinal), fr, StringComparison.Ordinal);
        Assert.Contains("@media print", fr, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", fr, StringComparison.OrdinalIgnoreCase);

        var en = await Host.Http.GetStringAsync($"/api/v1/consultations/{id}/report?lang=en");
        Assert.Contains("Heart rate", en, StringComparison.Ordinal);
        Assert.Contains("Alerts during the call", en, StringComparison.Ordinal);

        using var otherPatient = As(clinic.OtherPatientToken);
        using var otherDoctor = As(clinic.OtherDoctorToken);
        Assert.Equal(HttpStatusCode.NotFound, (await otherPatient.GetAsync($"/api/v1/consultations/{id}/report")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherDoctor.GetAsync($"/api/v1/consultations/{id}/report")).StatusCode);
        var reads = await Host.QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action == Privacy.AuditActions.ConsultationReportRead && e.Target == $"consultation:{id}"));
        Assert.Equal(2, reads);
    }
}
