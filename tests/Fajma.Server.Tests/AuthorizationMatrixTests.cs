using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Fajma.Core.Consultations;
using Fajma.Server.Alerts;
using Fajma.Server.Consultations;
using Fajma.Server.Devices;
using Fajma.Server.Followers;
using Fajma.Server.Identity;
using Fajma.Server.Monitoring;
using Fajma.Server.OnCall;
using Fajma.Server.Patients;
using Fajma.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Fajma.Server.Tests;

/// <summary>
/// Every endpoint and hub method × every kind of caller. The route list is the app's own
/// (EndpointDataSource), so a new route without a row here fails <see cref="EveryRouteHasARow"/>.
/// </summary>
public sealed class AuthorizationMatrixTests(AuthorizationMatrixTests.World world) : IClassFixture<AuthorizationMatrixTests.World>
{
    public enum Caller { Anonymous, PatientA, PatientB, DoctorOfA, OtherDoctor, Admin, FollowerOfA }

    private const bool Y = true;
    private const bool N = false;

    /// <summary>Route → (request builder, allowed for: anonymous, patient A, patient B, doctor of A, other doctor, admin, follower of A).</summary>
    private static readonly Dictionary<string, (Func<World, HttpRequestMessage> Request, bool[] Allowed)> s_matrix = new()
    {
        ["GET /api/v1/patients/"] = (w => Get("/api/v1/patients"), [N, Y, Y, Y, Y, Y, Y]),
        ["POST /api/v1/patients/"] = (w => Post("/api/v1/patients", new CreatePatientRequest("New patient", new DateOnly(1980, 1, 1))), [N, N, N, N, N, Y, N]),
        ["GET /api/v1/patients/{patientId:int}"] = (w => Get($"/api/v1/patients/{w.PatientA}"), [N, Y, N, Y, N, Y, N]),
        ["GET /api/v1/patients/{patientId:int}/observations/"] = (w => Get($"/api/v1/patients/{w.PatientA}/observations"), [N, Y, N, Y, N, N, N]),
        ["GET /api/v1/patients/{patientId:int}/thresholds/"] = (w => Get($"/api/v1/patients/{w.PatientA}/thresholds"), [N, Y, N, Y, N, N, N]),
        ["PUT /api/v1/patients/{patientId:int}/thresholds/{type}"] = (w => Put($"/api/v1/patients/{w.PatientA}/thresholds/spo2", new ThresholdRequest(88, null)), [N, N, N, Y, N, N, N]),
        ["DELETE /api/v1/patients/{patientId:int}/thresholds/{type}"] = (w => new(HttpMethod.Delete, $"/api/v1/patients/{w.PatientA}/thresholds/temperature"), [N, N, N, Y, N, N, N]),
        ["GET /api/v1/patients/{patientId:int}/news2/"] = (w => Get($"/api/v1/patients/{w.PatientA}/news2"), [N, Y, N, Y, N, N, N]),
        ["PUT /api/v1/patients/{patientId:int}/news2/inputs"] = (w => Put($"/api/v1/patients/{w.PatientA}/news2/inputs", new News2InputsDto("alert", false, false)), [N, N, N, Y, N, N, N]),
        ["GET /api/v1/alerts/"] = (w => Get("/api/v1/alerts"), [N, Y, Y, Y, Y, Y, Y]),
        // An alert of patient A paging their doctor only: admins join in only once escalation reaches them.
        ["POST /api/v1/alerts/{id:guid}/acknowledge"] = (w => Post($"/api/v1/alerts/{w.FreshAlert()}/acknowledge", new { }), [N, N, N, Y, N, N, N]),
        ["POST /api/v1/alerts/{id:guid}/resolve"] = (w => Post($"/api/v1/alerts/{w.FreshAlert()}/resolve", new ResolveAlertRequest("checked")), [N, N, N, Y, N, N, N]),
        ["GET /api/v1/alerts/{id:guid}/deliveries"] = (w => Get($"/api/v1/alerts/{w.AlertOfA}/deliveries"), [N, N, N, Y, N, N, N]),
        // A test alarm pages the caller only, on what they have: anyone signed in (patients will be nudged by push too).
        ["POST /api/v1/alerts/test"] = (w => Post("/api/v1/alerts/test", new { }), [N, Y, Y, Y, Y, Y, Y]),
        ["GET /api/v1/push/vapid-public-key"] = (w => Get("/api/v1/push/vapid-public-key"), [Y, Y, Y, Y, Y, Y, Y]),
        ["GET /api/v1/push/subscriptions/"] = (w => Get("/api/v1/push/subscriptions"), [N, Y, Y, Y, Y, Y, Y]),
        ["POST /api/v1/push/subscriptions/"] = (w => Post("/api/v1/push/subscriptions", World.BrowserSubscription()), [N, Y, Y, Y, Y, Y, Y]),
        ["DELETE /api/v1/push/subscriptions/"] = (w => new(HttpMethod.Delete, "/api/v1/push/subscriptions?endpoint=https%3A%2F%2Ffcm.googleapis.com%2Ffcm%2Fsend%2Fgone"),
            [N, Y, Y, Y, Y, Y, Y]),
        ["GET /api/v1/paging/contact"] = (w => Get("/api/v1/paging/contact"), [N, Y, Y, Y, Y, Y, Y]),
        ["PUT /api/v1/paging/contact"] = (w => Put("/api/v1/paging/contact", new { phone = "+33612345678" }), [N, Y, Y, Y, Y, Y, Y]),
        // Anonymous by design (a page's token, or the gateway's signature, is the credential): made-up ones open nothing.
        ["POST /api/v1/paging/receipts/{id:guid}"] = (w => Post($"/api/v1/paging/receipts/{Guid.NewGuid()}", new { token = "AAAAAAAAAAAAAAAAAAAAAA", status = "read" }),
            [N, N, N, N, N, N, N]),
        ["GET /api/v1/paging/open/{id:guid}"] = (w => Get($"/api/v1/paging/open/{Guid.NewGuid()}?t=AAAAAAAAAAAAAAAAAAAAAA"), [N, N, N, N, N, N, N]),
        ["POST /api/v1/paging/gateway/status"] = (w => Post("/api/v1/paging/gateway/status", new { reference = Guid.NewGuid(), status = "delivered" }), [N, N, N, N, N, N, N]),
        ["GET /api/v1/patients/{patientId:int}/alarm-profile/"] = (w => Get($"/api/v1/patients/{w.PatientA}/alarm-profile"), [N, Y, N, Y, N, N, N]),
        ["PUT /api/v1/patients/{patientId:int}/alarm-profile/"] = (w => Put($"/api/v1/patients/{w.PatientA}/alarm-profile",
            World.ProfileWithATrend), [N, N, N, Y, N, N, N]),
        ["POST /api/v1/patients/{patientId:int}/alarm-profile/snoozes"] = (w => Post($"/api/v1/patients/{w.PatientA}/alarm-profile/snoozes",
            new { rule = World.SnoozableRule, until = DateTimeOffset.UtcNow.AddHours(1) }), [N, N, N, Y, N, N, N]),
        ["DELETE /api/v1/patients/{patientId:int}/alarm-profile/snoozes/{id:int}"] = (w => new(HttpMethod.Delete,
            $"/api/v1/patients/{w.PatientA}/alarm-profile/snoozes/{w.SnoozeOfA}"), [N, N, N, Y, N, N, N]),
        ["GET /api/v1/patients/{patientId:int}/nudges/"] = (w => Get($"/api/v1/patients/{w.PatientA}/nudges"), [N, Y, N, Y, N, N, N]),
        ["POST /api/v1/patients/{patientId:int}/nudges/{nudgeId:guid}/dismiss"] = (w => Post($"/api/v1/patients/{w.PatientA}/nudges/{w.NudgeOfA}/dismiss", new { }),
            [N, Y, N, N, N, N, N]),
        ["GET /api/v1/patients/{patientId:int}/alarm-burden"] = (w => Get($"/api/v1/patients/{w.PatientA}/alarm-burden"), [N, N, N, Y, N, N, N]),
        // The triage board: each doctor their own patients (the other doctor gets an empty board); marking reviewed, the patient's doctors only.
        ["GET /api/v1/triage/"] = (w => Get("/api/v1/triage"), [N, N, N, Y, Y, N, N]),
        ["POST /api/v1/triage/{patientId:int}/reviewed"] = (w => Post($"/api/v1/triage/{w.PatientA}/reviewed", new { note = "seen" }), [N, N, N, Y, N, N, N]),
        ["GET /api/v1/alerts/preferences"] = (w => Get("/api/v1/alerts/preferences"), [N, Y, Y, Y, Y, Y, Y]),
        ["PUT /api/v1/alerts/preferences"] = (w => Put("/api/v1/alerts/preferences", new[] { new AlertPreferenceDto("warning", true, false) }), [N, Y, Y, Y, Y, Y, Y]),
        ["POST /api/v1/patients/{patientId:int}/care-team"] = (w => Post($"/api/v1/patients/{w.PatientA}/care-team", new CareTeamRequest(w.SpareDoctorId)), [N, N, N, N, N, Y, N]),
        // GDPR: the record, the patient and their care team; erasure requests, the patient themself or an admin; decisions, admins only.
        ["GET /api/v1/patients/{patientId:int}/record/"] = (w => Get($"/api/v1/patients/{w.PatientA}/record"), [N, Y, N, Y, N, N, N]),
        ["POST /api/v1/patients/{patientId:int}/erasure-requests/"] = (w => Post($"/api/v1/patients/{w.PatientA}/erasure-requests",
            new Records.ErasureRequestBody("matrix")), [N, Y, N, N, N, Y, N]),
        ["GET /api/v1/patients/{patientId:int}/erasure-requests/"] = (w => Get($"/api/v1/patients/{w.PatientA}/erasure-requests"), [N, Y, N, N, N, Y, N]),
        ["GET /api/v1/erasure-requests/"] = (w => Get("/api/v1/erasure-requests"), [N, N, N, N, N, Y, N]),
        // Patient B's request, refused by the admin (approving would erase B for the other cells).
        ["POST /api/v1/erasure-requests/{id:int}/decision"] = (w => Post($"/api/v1/erasure-requests/{w.ErasureRequestOfB}/decision",
            new Records.ErasureDecisionBody(false, "matrix")), [N, N, N, N, N, Y, N]),
        ["GET /api/v1/devices/"] = (w => Get("/api/v1/devices"), [N, Y, Y, Y, Y, Y, Y]),
        ["POST /api/v1/devices/"] = (w => Post("/api/v1/devices", new RegisterDeviceRequest($"NEW-{Guid.NewGuid():N}"[..20], DeviceTypes.Thermometer, w.PatientA)), [N, N, N, N, N, Y, N]),
        ["POST /api/v1/devices/{id}/rotate"] = (w => Post($"/api/v1/devices/{w.RotatableDevice}/rotate", new { }), [N, N, N, N, N, Y, N]),
        ["POST /api/v1/devices/{id}/revoke"] = (w => Post($"/api/v1/devices/{w.RevocableDevice}/revoke", new { }), [N, N, N, N, N, Y, N]),
        ["GET /api/v1/consultations/"] = (w => Get("/api/v1/consultations"), [N, Y, Y, Y, Y, Y, Y]),
        ["POST /api/v1/consultations/"] = (w => Post("/api/v1/consultations", new ScheduleConsultationRequest(w.PatientA, DateTimeOffset.UtcNow.AddHours(1), "check-up")), [N, N, N, Y, N, N, N]),
        ["GET /api/v1/consultations/{id:int}"] = (w => Get($"/api/v1/consultations/{w.ConsultationOfA}"), [N, Y, N, Y, N, N, N]),
        ["POST /api/v1/consultations/{id:int}/cancel"] = (w => Post($"/api/v1/consultations/{w.FreshConsultation()}/cancel", new { }), [N, N, N, Y, N, N, N]),
        ["POST /api/v1/consultations/{id:int}/reschedule"] = (w => Post($"/api/v1/consultations/{w.FreshConsultation()}/reschedule",
            new RescheduleRequest(DateTimeOffset.UtcNow.AddDays(2))), [N, N, N, Y, N, N, N]),
        ["GET /api/v1/consultations/{id:int}/chat"] = (w => Get($"/api/v1/consultations/{w.ConsultationOfA}/chat"), [N, Y, N, Y, N, N, N]),
        ["GET /api/v1/consultations/{id:int}/timeline"] = (w => Get($"/api/v1/consultations/{w.ConsultationOfA}/timeline"), [N, Y, N, Y, N, N, N]),
        ["GET /api/v1/consultations/{id:int}/invitation.ics"] = (w => Get($"/api/v1/consultations/{w.ConsultationOfA}/invitation.ics"), [N, Y, N, Y, N, N, N]),
        ["GET /api/v1/consultations/{id:int}/report"] = (w => Get($"/api/v1/consultations/{w.CompletedOfA}/report"), [N, Y, N, Y, N, N, N]),
        ["POST /api/v1/consultations/{id:int}/guests/"] = (w => Post($"/api/v1/consultations/{w.ConsultationOfA}/guests", new GuestInviteRequest("Interpreter", false, null)), [N, N, N, Y, N, N, N]),
        ["POST /api/v1/consultations/{id:int}/guests/{guestId:int}/vitals"] = (w => Post($"/api/v1/consultations/{w.ConsultationOfA}/guests/{w.GuestOfA}/vitals", new GuestVitalsRequest(false)), [N, N, N, Y, N, N, N]),
        // Anonymous by design (the link is the credential), and a made-up link opens nothing for anyone.
        ["POST /api/v1/consultations/guests/redeem"] = (w => Post("/api/v1/consultations/guests/redeem", new RedeemGuestRequest("made-up")), [N, N, N, N, N, N, N]),
        // Followers: a patient manages their own; the follower of A reads what A shares with them, nothing else anywhere.
        ["GET /api/v1/followers/"] = (w => Get("/api/v1/followers"), [N, Y, Y, N, N, N, N]),
        ["POST /api/v1/followers/"] = (w => Post("/api/v1/followers", new FollowerInviteRequest("Cousin", "cousin", true, false, 24, null)), [N, Y, Y, N, N, N, N]),
        ["PUT /api/v1/followers/{id:int}/scope"] = (w => Put($"/api/v1/followers/{w.FollowToEdit}/scope", new FollowerScopeRequest(true, false, 12)), [N, Y, N, N, N, N, N]),
        ["DELETE /api/v1/followers/{id:int}"] = (w => new(HttpMethod.Delete, $"/api/v1/followers/{w.FollowToRevoke}"), [N, Y, N, N, N, N, N]),
        // Anonymous by design (the link is the credential), and a made-up link opens nothing for anyone.
        ["POST /api/v1/followers/redeem"] = (w => Post("/api/v1/followers/redeem", new RedeemFollowRequest("made-up", null, null, null)), [N, N, N, N, N, N, N]),
        ["GET /api/v1/following/"] = (w => Get("/api/v1/following"), [N, N, N, N, N, N, Y]),
        ["GET /api/v1/following/{patientId:int}/vitals"] = (w => Get($"/api/v1/following/{w.PatientA}/vitals"), [N, N, N, N, N, N, Y]),
        ["GET /api/v1/following/{patientId:int}/alerts"] = (w => Get($"/api/v1/following/{w.PatientA}/alerts"), [N, N, N, N, N, N, Y]),
        ["PUT /api/v1/following/{patientId:int}/alert-settings"] = (w => Put($"/api/v1/following/{w.PatientA}/alert-settings",
            new FollowerAlertSettingsDto(true, true, false, 5)), [N, N, N, N, N, N, Y]),
        ["GET /api/v1/rtc/ice-servers"] = (w => Get("/api/v1/rtc/ice-servers"), [N, Y, Y, Y, Y, Y, Y]),
        // On-call rotas: doctors read them (no patient data in them), admins edit them; "me" is a doctor's own on-call.
        ["GET /api/v1/rotas/"] = (w => Get("/api/v1/rotas"), [N, N, N, Y, Y, Y, N]),
        ["GET /api/v1/rotas/{id:int}"] = (w => Get($"/api/v1/rotas/{w.RotaToRead}"), [N, N, N, Y, Y, Y, N]),
        ["GET /api/v1/rotas/{id:int}/timeline"] = (w => Get($"/api/v1/rotas/{w.RotaToRead}/timeline"), [N, N, N, Y, Y, Y, N]),
        ["POST /api/v1/rotas/"] = (w => Post("/api/v1/rotas", World.Rota($"New rota {Guid.NewGuid():N}", w.OtherDoctorId)), [N, N, N, N, N, Y, N]),
        ["PUT /api/v1/rotas/{id:int}"] = (w => Put($"/api/v1/rotas/{w.RotaToEdit}", World.Rota("Rota to edit", w.OtherDoctorId)), [N, N, N, N, N, Y, N]),
        ["DELETE /api/v1/rotas/{id:int}"] = (w => new(HttpMethod.Delete, $"/api/v1/rotas/{w.RotaToDelete}"), [N, N, N, N, N, Y, N]),
        ["POST /api/v1/rotas/{id:int}/overrides"] = (w => Post($"/api/v1/rotas/{w.RotaToEdit}/overrides",
            new RotaOverrideRequest(w.OtherDoctorId, new DateTimeOffset(2030, 1, 1, 8, 0, 0, TimeSpan.Zero), new DateTimeOffset(2030, 1, 2, 8, 0, 0, TimeSpan.Zero))), [N, N, N, N, N, Y, N]),
        ["DELETE /api/v1/rotas/{id:int}/overrides/{overrideId:int}"] = (w => new(HttpMethod.Delete, $"/api/v1/rotas/{w.RotaToEdit}/overrides/{w.OverrideToDelete}"),
            [N, N, N, N, N, Y, N]),
        ["GET /api/v1/oncall/me"] = (w => Get("/api/v1/oncall/me"), [N, N, N, Y, Y, N, N]),
        ["GET /api/v1/users/"] = (w => Get("/api/v1/users"), [N, N, N, N, N, Y, N]),
        ["POST /api/v1/users/"] = (w => Post("/api/v1/users", new CreateUserRequest($"u{Guid.NewGuid():N}@test.fajma", "New", Roles.Doctor, "long-enough-pw", null)), [N, N, N, N, N, Y, N]),
        // Administration: an account set aside for these cells (locked, reset, its session ended) and a care-team member of patient B to take out.
        ["DELETE /api/v1/patients/{patientId:int}/care-team/{doctorId:int}"] = (w => new(HttpMethod.Delete, $"/api/v1/patients/{w.PatientB}/care-team/{w.LeavingDoctorId}"),
            [N, N, N, N, N, Y, N]),
        ["GET /api/v1/care-teams"] = (w => Get("/api/v1/care-teams"), [N, N, N, N, N, Y, N]),
        ["POST /api/v1/users/{id:int}/lock"] = (w => Post($"/api/v1/users/{w.HeldAccountId}/lock", new { }), [N, N, N, N, N, Y, N]),
        ["POST /api/v1/users/{id:int}/unlock"] = (w => Post($"/api/v1/users/{w.HeldAccountId}/unlock", new { }), [N, N, N, N, N, Y, N]),
        ["GET /api/v1/users/{id:int}/sessions"] = (w => Get($"/api/v1/users/{w.HeldAccountId}/sessions"), [N, N, N, N, N, Y, N]),
        ["DELETE /api/v1/users/{id:int}/sessions"] = (w => new(HttpMethod.Delete, $"/api/v1/users/{w.HeldAccountId}/sessions"), [N, N, N, N, N, Y, N]),
        ["DELETE /api/v1/users/{id:int}/sessions/{sessionId:guid}"] = (w => new(HttpMethod.Delete, $"/api/v1/users/{w.HeldAccountId}/sessions/{w.HeldSession}"),
            [N, N, N, N, N, Y, N]),
        ["POST /api/v1/users/{id:int}/password-reset"] = (w => Post($"/api/v1/users/{w.HeldAccountId}/password-reset", new { }), [N, N, N, N, N, Y, N]),
        // Anonymous by design (the link's token is the credential): a made-up one opens nothing.
        ["POST /api/v1/auth/password-reset"] = (w => Post("/api/v1/auth/password-reset", new PasswordResetRequest("AAAAAAAAAAAAAAAAAAAAAA", "long-enough-pw")),
            [N, N, N, N, N, N, N]),
        ["GET /api/v1/system/kpis"] = (w => Get("/api/v1/system/kpis"), [N, N, N, N, N, Y, N]),
        ["POST /api/v1/patients/{patientId:int}/break-glass"] = (w => Post($"/api/v1/patients/{w.PatientA}/break-glass",
            new BreakGlassRequest("patient unreachable, family called the clinic")), [N, N, N, N, N, Y, N]),
        ["GET /api/v1/audit"] = (w => Get("/api/v1/audit"), [N, N, N, N, N, Y, N]),
        ["GET /api/v1/auth/me"] = (w => Get("/api/v1/auth/me"), [N, Y, Y, Y, Y, Y, Y]),
        // Logging out ends a session: each caller logs out a second session of theirs, not the one the other cells use.
        ["POST /api/v1/auth/logout"] = (w => Post("/api/v1/auth/logout", new { }), [N, Y, Y, Y, Y, Y, Y]),
        // Anonymous by design: signing in, the device ingestion (devices authenticate by certificate, not as users), the clock, docs, health.
        ["POST /api/v1/auth/login"] = (w => Post("/api/v1/auth/login", new LoginRequest(FajmaHost.DoctorEmail, FajmaHost.Password)), [Y, Y, Y, Y, Y, Y, Y]),
        ["POST /api/v1/auth/refresh"] = (w => Post("/api/v1/auth/refresh", new RefreshRequest("not-a-token")), [N, N, N, N, N, N, N]),
        // The second step of a sign-in: a made-up challenge opens nothing, whoever sends it.
        ["POST /api/v1/auth/mfa/"] = (w => Post("/api/v1/auth/mfa", new MfaSignInRequest("not-a-challenge", "123456", null)), [N, N, N, N, N, N, N]),
        // A clinician's own enrolment (not confirmed here: sign-in is unchanged); patients and followers have none.
        ["POST /api/v1/auth/mfa/enrolment/"] = (w => Post("/api/v1/auth/mfa/enrolment", new { }), [N, N, N, Y, Y, Y, N]),
        // No enrolment waits after a wrong code: 400 for clinicians, 401/403 for the rest (MfaTests confirm one).
        ["POST /api/v1/auth/mfa/enrolment/confirm"] = (w => Post("/api/v1/auth/mfa/enrolment/confirm", new MfaCodeRequest("000000")), [N, N, N, N, N, N, N]),
        ["DELETE /api/v1/users/{userId:int}/mfa"] = (w => new(HttpMethod.Delete, $"/api/v1/users/{w.SpareDoctorId}/mfa"), [N, N, N, N, N, Y, N]),
        ["POST /api/v1/iot/realtime-data/"] = (w => Post("/api/v1/iot/realtime-data/", new { }), [N, N, N, N, N, N, N]),
        ["POST /api/v1/iot/alerts/critical/"] = (w => Post("/api/v1/iot/alerts/critical/", new { }), [N, N, N, N, N, N, N]),
        ["POST /api/v1/iot/mobile-data"] = (w => Post("/api/v1/iot/mobile-data", new { }), [N, N, N, N, N, N, N]),
        // Control: the patient's doctors; admins may reboot (other actions: DeviceControlAccessTests). The ack is the device's own (signed).
        ["POST /api/v1/iot/sensors/{id}/control/"] = (w => Post($"/api/v1/iot/sensors/{w.DeviceA}/control/", new { action = "reboot" }), [N, N, N, Y, N, Y, N]),
        ["POST /api/v1/iot/sensors/{id}/calibrate/"] = (w => Post($"/api/v1/iot/sensors/{w.DeviceA}/calibrate/", new { sensor = "spo2" }), [N, N, N, Y, N, N, N]),
        ["GET /api/v1/iot/sensors/{id}/commands"] = (w => Get($"/api/v1/iot/sensors/{w.DeviceA}/commands"), [N, Y, N, Y, N, Y, N]),
        ["GET /api/v1/iot/commands/{commandId:guid}"] = (w => Get($"/api/v1/iot/commands/{w.CommandOfA}"), [N, Y, N, Y, N, Y, N]),
        ["POST /api/v1/iot/sensors/{id}/commands/{correlationId:guid}/ack"] = (w => Post($"/api/v1/iot/sensors/{w.DeviceA}/commands/{w.CommandOfA}/ack",
            new { correlation_id = w.CommandOfA, status = "ok" }), [N, N, N, N, N, N, N]),
        // FHIR: the capability statement is public; records as in the API (a patient themself, a doctor their care team), admins and followers none.
        ["GET /fhir/R4/metadata"] = (w => Get("/fhir/R4/metadata"), [Y, Y, Y, Y, Y, Y, Y]),
        // A search answers only what the caller may see (others get an empty Bundle); admins and followers are refused.
        ["GET /fhir/R4/{type}"] = (w => Get("/fhir/R4/Observation"), [N, Y, Y, Y, Y, N, N]),
        ["GET /fhir/R4/{type}/{id}"] = (w => Get($"/fhir/R4/Patient/{w.PatientA}"), [N, Y, N, Y, N, N, N]),
        ["GET /fhir/R4/Patient/{id}/$everything"] = (w => Get($"/fhir/R4/Patient/{w.PatientA}/$everything"), [N, Y, N, Y, N, N, N]),
        ["GET /fhir/R4/Patient/{id}/$export"] = (w => Async($"/fhir/R4/Patient/{w.PatientA}/$export"), [N, Y, N, Y, N, N, N]),
        ["GET /fhir/R4/Group/{id}/$export"] = (w => Async($"/fhir/R4/Group/{w.Host.DoctorId}/$export"), [N, N, N, Y, N, N, N]),
        // An export is its requester's (here the doctor of A) alone.
        ["GET /fhir/R4/$export-status/{job:guid}"] = (w => Get($"/fhir/R4/$export-status/{w.ExportToRead}"), [N, N, N, Y, N, N, N]),
        ["DELETE /fhir/R4/$export-status/{job:guid}"] = (w => new(HttpMethod.Delete, $"/fhir/R4/$export-status/{w.ExportToDelete}"), [N, N, N, Y, N, N, N]),
        ["GET /fhir/R4/$export-file/{job:guid}/{type}"] = (w => Get($"/fhir/R4/$export-file/{w.ExportToRead}/Patient"), [N, N, N, Y, N, N, N]),
        ["GET /fhir/R4/{**path}"] = (w => Get($"/fhir/R4/Patient/{w.PatientA}/$nothing"), [N, N, N, N, N, N, N]),
        ["GET /api/v1/time"] = (w => Get("/api/v1/time"), [Y, Y, Y, Y, Y, Y, Y]),
        ["GET /health"] = (w => Get("/health"), [Y, Y, Y, Y, Y, Y, Y]),
        ["GET /health/live"] = (w => Get("/health/live"), [Y, Y, Y, Y, Y, Y, Y]),
        ["GET /health/ready"] = (w => Get("/health/ready"), [Y, Y, Y, Y, Y, Y, Y]),
        ["GET /metrics"] = (w => Get("/metrics"), [Y, Y, Y, Y, Y, Y, Y]),
        ["GET /openapi/{documentName}.json"] = (w => Get("/openapi/v1.json"), [Y, Y, Y, Y, Y, Y, Y]),
        ["GET /docs/{documentName?}"] = (w => Get("/docs/"), [Y, Y, Y, Y, Y, Y, Y]),
        ["GET /api/{**path}"] = (w => Get("/api/v1/no-such-thing"), [N, N, N, N, N, N, N]),
        ["GET {*path:nonfile}"] = (w => Get("/some/page"), [Y, Y, Y, Y, Y, Y, Y]),
        ["HEAD {*path:nonfile}"] = (w => new HttpRequestMessage(HttpMethod.Head, "/some/page"), [Y, Y, Y, Y, Y, Y, Y]),
        ["POST /hubs/monitoring/negotiate"] = (w => Post("/hubs/monitoring/negotiate?negotiateVersion=1", new { }), [N, Y, Y, Y, Y, Y, Y]),
        ["GET /hubs/monitoring/negotiate"] = (w => Get("/hubs/monitoring/negotiate"), [N, N, N, N, N, N, N]),
        ["GET /hubs/monitoring"] = (w => Get("/hubs/monitoring"), [N, N, N, N, N, N, N]),
        ["POST /hubs/consultation/negotiate"] = (w => Post("/hubs/consultation/negotiate?negotiateVersion=1", new { }), [N, Y, Y, Y, Y, Y, Y]),
        ["GET /hubs/consultation/negotiate"] = (w => Get("/hubs/consultation/negotiate"), [N, N, N, N, N, N, N]),
        ["GET /hubs/consultation"] = (w => Get("/hubs/consultation"), [N, N, N, N, N, N, N]),
    };

    private static readonly HashSet<string> s_pages = ["GET {*path:nonfile}", "HEAD {*path:nonfile}"];

    /// <summary>GET routes that answer "not found" rather than "unauthorized" to a caller without the right link: the API's unknown-path fallback, a page's own link.</summary>
    private static readonly HashSet<string> s_linkCredential = ["GET /api/{**path}", "GET /api/v1/paging/open/{id:guid}"];

    [Fact]
    public void EveryRouteHasARow()
    {
        var routes = world.Host.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => $"{m} {e.RoutePattern.RawText}"))
            .Where(r => !r.StartsWith("GET /docs/", StringComparison.Ordinal) || r == "GET /docs/{documentName?}")
            .Distinct().ToList();

        var missing = routes.Where(r => !s_matrix.ContainsKey(r)).ToList();
        Assert.True(missing.Count == 0, "routes without a row in the authorization matrix:\n" + string.Join('\n', missing));
    }

    public static TheoryData<string, Caller> Cells()
    {
        var data = new TheoryData<string, Caller>();
        foreach (var route in s_matrix.Keys)
            foreach (var caller in Enum.GetValues<Caller>()) data.Add(route, caller);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task EachCallerIsAllowedOrRefusedAsDesignedAndRefusalsCarryNoHealthData(string route, Caller caller)
    {
        var (request, allowed) = s_matrix[route];
        using var message = request(world);
        var token = route == "POST /api/v1/auth/logout" ? world.SpareTokens[caller] : world.Tokens[caller];
        if (token is not null) message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var response = await world.Client.SendAsync(message, new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
        var body = await response.Content.ReadAsStringAsync();

        var expectAllowed = allowed[(int)caller];
        if (s_pages.Contains(route))
        {
            // The web app's page: never refused (404 here only because tests run without the built web app).
            Assert.DoesNotContain(response.StatusCode, (HttpStatusCode[])[HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden]);
            return;
        }
        Assert.True(expectAllowed == response.IsSuccessStatusCode,
            $"{caller} on {route}: expected {(expectAllowed ? "allowed" : "refused")}, got {(int)response.StatusCode} {body[..Math.Min(body.Length, 200)]}");
        if (!response.IsSuccessStatusCode)
        {
            Assert.DoesNotContain(World.PatientAName, body, StringComparison.Ordinal);
            Assert.DoesNotContain(World.HeartRateMarker, body, StringComparison.Ordinal);
        }
        if (caller == Caller.Anonymous && !expectAllowed && route.StartsWith("GET /api/v1/", StringComparison.Ordinal) && !s_linkCredential.Contains(route))
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static HttpRequestMessage Get(string path) => new(HttpMethod.Get, path);

    /// <summary>A Bulk Data kick-off: asynchronous by request.</summary>
    private static HttpRequestMessage Async(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Prefer", "respond-async");
        return request;
    }

    private static HttpRequestMessage Post(string path, object body) => new(HttpMethod.Post, path) { Content = JsonContent.Create(body) };

    private static HttpRequestMessage Put(string path, object body) => new(HttpMethod.Put, path) { Content = JsonContent.Create(body) };

    /// <summary>Two patients (A with vitals, B), their accounts, a doctor of A, another doctor, an admin.</summary>
    public sealed class World : IAsyncLifetime
    {
        public const string PatientAName = "Test patient 1";
        public const string HeartRateMarker = "\"value\":133";

        public FajmaHost Host { get; private set; } = null!;

        /// <summary>A client with no credentials of its own: each cell sets the caller's token, or none.</summary>
        public HttpClient Client { get; private set; } = null!;

        public int PatientA { get; private set; }

        public int OtherDoctorId { get; private set; }

        public int SpareDoctorId { get; private set; }

        public int PatientB { get; private set; }

        public int LeavingDoctorId { get; private set; }

        public int HeldAccountId { get; private set; }

        public Guid HeldSession { get; private set; }

        /// <summary>Rotas for the on-call cells: one read, one edited (with an override to remove), one deleted.</summary>
        public int RotaToRead { get; private set; }

        public int RotaToEdit { get; private set; }

        public int RotaToDelete { get; private set; }

        public int OverrideToDelete { get; private set; }

        public static RotaRequest Rota(string name, int doctorId) => new(name, "Europe/Paris", "2026-01-05T08:00", ["08:00"], 7, [doctorId]);

        public string RotatableDevice { get; private set; } = "";

        /// <summary>Patient A's device, and a command to it (for the device control cells).</summary>
        public string DeviceA { get; private set; } = "";

        public Guid CommandOfA { get; private set; }

        public string RevocableDevice { get; private set; } = "";

        /// <summary>A scheduled consultation of patient A with their doctor, for the read cells.</summary>
        public int ConsultationOfA { get; private set; }

        /// <summary>A consultation of patient A whose call took place and is over (it has a report).</summary>
        public int CompletedOfA { get; private set; }

        /// <summary>Invitations of patient A's, unredeemed: one whose scope a cell changes, one a cell revokes.</summary>
        public int FollowToEdit { get; private set; }

        public int FollowToRevoke { get; private set; }

        /// <summary>A guest invited to <see cref="ConsultationOfA"/>.</summary>
        public int GuestOfA { get; private set; }

        private readonly System.Collections.Concurrent.ConcurrentQueue<int> _fresh = new();

        /// <summary>A scheduled consultation no other cell touched (cancel and reschedule change it).</summary>
        public int FreshConsultation() => _fresh.TryDequeue(out var id) ? id : throw new InvalidOperationException("more fresh consultations needed");

        private readonly System.Collections.Concurrent.ConcurrentQueue<Guid> _alerts = new();

        /// <summary>An open alert of patient A no other cell touched (acknowledging and resolving change it).</summary>
        /// <summary>Patient A's alarm profile: a major SpO2 trend rule, which may be snoozed (a critical rule may not).</summary>
        public static readonly object ProfileWithATrend = new
        {
            timeZone = "Europe/Paris", nightStart = "22:00", nightEnd = "07:00",
            trends = new[] { new { type = "spo2", direction = "down", change = 4, windowMinutes = 10, severity = "major" } },
        };

        public const string SnoozableRule = "trend:spo2:down";

        /// <summary>A snooze on patient A's trend rule, lifted by the one cell allowed to.</summary>
        public int SnoozeOfA { get; private set; }

        /// <summary>A nudge to patient A about their device, as the nudges write it.</summary>
        public Guid NudgeOfA { get; } = Guid.CreateVersion7();

        /// <summary>FHIR exports of patient A by their doctor: one finished (its status and file are read), one the doctor deletes.</summary>
        public Guid ExportToRead { get; private set; }

        public Guid ExportToDelete { get; private set; }

        private async Task<Guid> ExportAsync()
        {
            using var response = await Host.Http.SendAsync(Async($"/fhir/R4/Patient/{PatientA}/$export"));
            var status = response.EnsureSuccessStatusCode().Content.Headers.ContentLocation!;
            using var deadline = new CancellationTokenSource(Wait.Timeout);
            while (true)
            {
                using var poll = await Host.Http.GetAsync(status, deadline.Token);
                if (poll.StatusCode == HttpStatusCode.OK) return Guid.Parse(status.Segments[^1]);
                await Task.Delay(50, deadline.Token); // the client's polling interval
            }
        }

        /// <summary>An open alert of patient A that cells only read.</summary>
        public Guid AlertOfA { get; private set; }

        /// <summary>A browser's PushSubscription on a real push service's host, with real keys (nothing is sent to it here).</summary>
        public static object BrowserSubscription()
        {
            using var key = System.Security.Cryptography.ECDiffieHellman.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
            var q = key.ExportParameters(false).Q;
            return new
            {
                endpoint = $"https://fcm.googleapis.com/fcm/send/{Guid.NewGuid():N}",
                keys = new { p256dh = System.Buffers.Text.Base64Url.EncodeToString([0x04, .. q.X!, .. q.Y!]), auth = System.Buffers.Text.Base64Url.EncodeToString(new byte[16]) },
            };
        }

        /// <summary>A pending erasure request of patient B's, for the decision cells.</summary>
        public int ErasureRequestOfB { get; private set; }

        public Guid FreshAlert() => _alerts.TryDequeue(out var id) ? id : throw new InvalidOperationException("more fresh alerts needed");

        /// <summary>A new consultation of patient A, driven by its doctor and patient through the hub to <paramref name="state"/>.</summary>
        public async Task<int> ConsultationInAsync(ConsultationState state)
        {
            var id = await ScheduleForAAsync();
            if (state == ConsultationState.Scheduled) return id;
            await using var doctor = await ConsultationClient.ConnectAsync(Host.Url, Tokens[Caller.DoctorOfA]!);
            await using var patient = await ConsultationClient.ConnectAsync(Host.Url, Tokens[Caller.PatientA]!);
            await doctor.DoAsync("StartConsultation", id);
            if (state == ConsultationState.Connecting) return id;
            await patient.DoAsync("AcceptConsultation", id);
            if (state == ConsultationState.IotSync) return id;
            await doctor.DoAsync("BeginConsultation", id);
            // Recording needs the patient's consent: a live call in the matrix has it, so the doctor's cells test the role alone.
            await patient.Hub.InvokeAsync<ConsultationDto>("AnswerRecordingConsent", id, true);
            if (state == ConsultationState.Paused) await doctor.DoAsync("PauseConsultation", id);
            if (state == ConsultationState.Recording) await doctor.DoAsync("StartRecording", id);
            return id;
        }

        private async Task<int> ScheduleForAAsync()
        {
            var response = await Host.Http.PostAsJsonAsync("/api/v1/consultations", new ScheduleConsultationRequest(PatientA, DateTimeOffset.UtcNow.AddHours(1), "matrix"));
            response.EnsureSuccessStatusCode();
            return (await response.Content.ReadFromJsonAsync<ConsultationDto>())!.Id;
        }

        public Dictionary<Caller, string?> Tokens { get; } = [];

        /// <summary>A second session per caller, for the logout cells.</summary>
        public Dictionary<Caller, string?> SpareTokens { get; } = [];

        public async Task InitializeAsync()
        {
            Host = await FajmaHost.StartAsync(await TestDatabase.SqliteAsync());
            Client = new HttpClient { BaseAddress = Host.Url };
            (PatientA, var deviceA) = await Host.RegisterPatientWithDeviceAsync();
            var (patientB, _) = await Host.RegisterPatientWithDeviceAsync();
            PatientB = patientB;
            (_, RotatableDevice) = await Host.RegisterPatientWithDeviceAsync();
            (_, RevocableDevice) = await Host.RegisterPatientWithDeviceAsync();
            (await Host.Http.PostAsync("/api/v1/iot/realtime-data/", Messages.Json(Messages.Flat(deviceA, 1, heartRate: 133)))).EnsureSuccessStatusCode();
            DeviceA = deviceA;
            CommandOfA = (await (await Host.Http.PostAsJsonAsync($"/api/v1/iot/sensors/{deviceA}/control/", new { action = "read_now" }))
                .Content.ReadFromJsonAsync<Devices.Control.DeviceCommandDto>())!.Id;
            await Host.CreateAccountAsync("a@test.fajma", Roles.Patient, FajmaHost.Password, PatientA);
            await Host.CreateAccountAsync("b@test.fajma", Roles.Patient, FajmaHost.Password, patientB);
            OtherDoctorId = await Host.CreateAccountAsync("other@test.fajma", Roles.Doctor, FajmaHost.Password);
            async Task<int> RotaAsync(string name) =>
                (await (await Host.Admin.PostAsJsonAsync("/api/v1/rotas", Rota(name, OtherDoctorId))).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<RotaDto>())!.Id;
            (RotaToRead, RotaToEdit, RotaToDelete) = (await RotaAsync("Rota to read"), await RotaAsync("Rota to edit"), await RotaAsync("Rota to delete"));
            OverrideToDelete = (await (await Host.Admin.PostAsJsonAsync($"/api/v1/rotas/{RotaToEdit}/overrides", new RotaOverrideRequest(OtherDoctorId,
                new DateTimeOffset(2029, 1, 1, 8, 0, 0, TimeSpan.Zero), new DateTimeOffset(2029, 1, 2, 8, 0, 0, TimeSpan.Zero)))).EnsureSuccessStatusCode()
                .Content.ReadFromJsonAsync<RotaOverrideDto>())!.Id;
            SpareDoctorId = await Host.CreateAccountAsync("spare@test.fajma", Roles.Doctor, FajmaHost.Password);
            (LeavingDoctorId, _) = await Host.DoctorInCareTeamAsync("leaving@test.fajma", patientB);
            HeldAccountId = await Host.CreateAccountAsync("held@test.fajma", Roles.Doctor, FajmaHost.Password);
            var held = await Host.SignInAsync("held@test.fajma", FajmaHost.Password);
            HeldSession = await Host.QueryAsync(db => db.RefreshTokens.Where(t => t.TokenHash == TokenIssuer.Hash(held.RefreshToken)).Select(t => t.FamilyId).SingleAsync());
            var emails = new Dictionary<Caller, string>
            {
                [Caller.PatientA] = "a@test.fajma", [Caller.PatientB] = "b@test.fajma", [Caller.DoctorOfA] = FajmaHost.DoctorEmail,
                [Caller.OtherDoctor] = "other@test.fajma", [Caller.Admin] = FajmaHost.AdminEmail,
            };
            // Patient A's follower, shown A's vitals and alerts (the most a patient can share).
            using (var patientA = new HttpClient { BaseAddress = Host.Url })
            {
                patientA.DefaultRequestHeaders.Authorization = new("Bearer", await Host.TokenAsync("a@test.fajma", FajmaHost.Password));
                async Task<FollowerInviteDto> InviteAsync() => (await (await patientA.PostAsJsonAsync("/api/v1/followers",
                    new FollowerInviteRequest("Daughter", "daughter", true, true, 24, null))).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<FollowerInviteDto>())!;
                var follow = await InviteAsync();
                (await Client.PostAsJsonAsync("/api/v1/followers/redeem", new RedeemFollowRequest(follow.Token, "follower@test.fajma", "Follower", FajmaHost.Password)))
                    .EnsureSuccessStatusCode();
                (FollowToEdit, FollowToRevoke) = ((await InviteAsync()).Id, (await InviteAsync()).Id);
            }
            emails[Caller.FollowerOfA] = "follower@test.fajma";
            Tokens[Caller.Anonymous] = SpareTokens[Caller.Anonymous] = null;
            foreach (var (caller, email) in emails)
            {
                Tokens[caller] = await Host.TokenAsync(email, FajmaHost.Password);
                SpareTokens[caller] = await Host.TokenAsync(email, FajmaHost.Password);
            }
            ConsultationOfA = await ScheduleForAAsync();
            using (var b = new HttpClient { BaseAddress = Host.Url })
            {
                b.DefaultRequestHeaders.Authorization = new("Bearer", Tokens[Caller.PatientB]);
                ErasureRequestOfB = (await (await b.PostAsJsonAsync($"/api/v1/patients/{patientB}/erasure-requests", new Records.ErasureRequestBody("matrix")))
                    .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<Records.ErasureRequestDto>())!.Id;
            }
            (await Host.Http.PutAsJsonAsync($"/api/v1/patients/{PatientA}/alarm-profile", ProfileWithATrend)).EnsureSuccessStatusCode();
            var snooze = await Host.Http.PostAsJsonAsync($"/api/v1/patients/{PatientA}/alarm-profile/snoozes", new { rule = SnoozableRule, until = DateTimeOffset.UtcNow.AddHours(2) });
            SnoozeOfA = (await snooze.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<Alerts.Profiles.AlarmSnoozeDto>())!.Id;
            await Host.QueryAsync(db =>
            {
                db.Nudges.Add(new Storage.Nudge { Id = NudgeOfA, PatientId = PatientA, DeviceId = DeviceA, Kind = Core.Nudges.NudgeKind.LowBattery, Battery = 9, RaisedAt = DateTimeOffset.UtcNow });
                return db.SaveChangesAsync();
            });
            (ExportToRead, ExportToDelete) = (await ExportAsync(), await ExportAsync());
            CompletedOfA = await ConsultationInAsync(ConsultationState.Active);
            await using (var doctor = await ConsultationClient.ConnectAsync(Host.Url, Tokens[Caller.DoctorOfA]!))
                await doctor.Hub.InvokeAsync<ConsultationDto>("EndConsultation", CompletedOfA, "matrix");
            var invited = await Host.Http.PostAsJsonAsync($"/api/v1/consultations/{ConsultationOfA}/guests", new GuestInviteRequest("Family member", false, null));
            GuestOfA = (await invited.Content.ReadFromJsonAsync<GuestInviteDto>())!.GuestId;
            for (var i = 0; i < 2 * Enum.GetValues<Caller>().Length; i++) _fresh.Enqueue(await ScheduleForAAsync());
            var engine = Host.App.Services.GetRequiredService<Alerts.AlertEngine>();
            for (var i = 0; i < 2 * Enum.GetValues<Caller>().Length; i++)
            {
                var alert = await engine.RaiseAsync(Core.Alerts.AlertKind.NoData, PatientA, $"nodata:matrix-{i}", Core.Alerts.AlertSeverity.Major,
                    new Alerts.AlertContent("No data (matrix)"), deviceA, CancellationToken.None);
                _alerts.Enqueue(alert.Id);
            }
            AlertOfA = (await engine.RaiseAsync(Core.Alerts.AlertKind.NoData, PatientA, "nodata:matrix-read", Core.Alerts.AlertSeverity.Major,
                new Alerts.AlertContent("No data (matrix)"), deviceA, CancellationToken.None)).Id;
        }

        public async Task DisposeAsync()
        {
            Client.Dispose();
            await Host.DisposeAsync();
        }
    }
}
