namespace Fajma.Server.Consultations;

/// <summary>WebRTC signaling relayed between the participants: <c>offer</c>, <c>answer</c>, <c>ice</c>, <c>hangup</c>, <c>media</c>.</summary>
public sealed record SignalEvent(int ConsultationId, int FromUserId, string Kind, string Payload);
