namespace Fajma.Devices.Transport;

/// <summary>
/// The broker answered but did not take the message for anyone (MQTT 5 PUBACK 0x10 "no matching subscribers": no node
/// is subscribed, e.g. while an external broker restarts without its shared subscriptions). Not a refusal: the same
/// message must be sent again.
/// </summary>
public sealed class NotDeliveredException(string message) : Exception(message);
