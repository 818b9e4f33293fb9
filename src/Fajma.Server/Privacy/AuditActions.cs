namespace Fajma.Server.Privacy;

/// <summary>The audited actions.</summary>
public static class AuditActions
{
    public const string LoginSucceeded = "login.succeeded";
    public const string LoginFailed = "login.failed";
    public const string SessionEnded = "session.ended";
    public const string SessionRevokedOnReuse = "session.revoked_on_reuse";
    public const string PatientsListed = "patients.listed";
    public const string PatientRead = "patient.read";
    public const string ObservationsRead = "observations.read";
    public const string LiveSubscribed = "live.subscribed";
    public const string LiveRefused = "live.refused";
    public const string PatientCreated = "patient.created";
    public const string DeviceProvisioned = "device.provisioned";
    public const string DeviceRotated = "device.credentials_rotated";
    public const string DeviceRevoked = "device.revoked";
    public const string UserCreated = "user.created";
    public const string CareTeamChanged = "care_team.added";
    public const string DeviceMessageRejected = "device.message_rejected";
    public const string DeviceMessageReplayed = "device.message_replayed";
    public const string DeviceTlsRefused = "device.tls_refused";
    public const string DeviceSignInRefused = "device.sign_in_refused";
    public const string DeviceSubscriptionRefused = "device.subscription_refused";
    public const string RefusalsUnrecorded = "device.refusals_unrecorded";
    public const string AuditRead = "audit.read";
    public const string ConsultationScheduled = "consultation.scheduled";
    public const string ConsultationChanged = "consultation.changed";
    public const string ConsultationJoined = "consultation.joined";
    public const string ConsultationRead = "consultation.read";
    public const string ConsultationRecordingConsent = "consultation.recording_consent";
    public const string ConsultationReportRead = "consultation.report_read";
    public const string ConsultationInvitationRead = "consultation.invitation_read";
    public const string ConsultationReminderSent = "consultation.reminder_sent";
    public const string GuestInvited = "consultation.guest_invited";
    public const string GuestJoined = "consultation.guest_joined";
    public const string GuestVitalsChanged = "consultation.guest_vitals";
    public const string ThresholdSet = "thresholds.set";
    public const string ThresholdCleared = "thresholds.cleared";
    public const string AlertAcknowledged = "alerts.acknowledged";
    public const string AlertResolved = "alerts.resolved";
    public const string AlertEscalated = "alerts.escalated";
    public const string AlertsRead = "alerts.read";
    public const string NudgesRead = "nudges.read";
    public const string NudgeDismissed = "nudges.dismissed";
    public const string News2InputsSet = "news2.inputs_set";
    public const string AlarmProfileRead = "alarm_profile.read";
    public const string AlarmProfileSet = "alarm_profile.set";
    public const string AlarmSnoozed = "alarm_profile.snoozed";
    public const string AlarmSnoozeLifted = "alarm_profile.snooze_lifted";
    public const string AlarmBurdenRead = "alarm_burden.read";
    public const string BreakGlass = "break_glass";
}
