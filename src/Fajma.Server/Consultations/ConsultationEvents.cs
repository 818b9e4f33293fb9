namespace Fajma.Server.Consultations;

/// <summary>Server → client event names of <c>/hubs/consultation</c> (docs/consultation-protocol.md).</summary>
public static class ConsultationEvents
{
    public const string Invite = "consultationInvite";
    public const string StateChanged = "stateChanged";
    public const string IotSyncComplete = "iotSyncComplete";
    public const string ChatMessage = "chatMessage";
    public const string ChatRead = "chatRead";
    public const string Signal = "signal";
    public const string ParticipantsChanged = "participantsChanged";
    public const string ThresholdChanged = "thresholdChanged";
    public const string RecordingConsentChanged = "recordingConsentChanged";

    public static string Group(int consultationId) => $"consultation:{consultationId}";
}
