namespace Fajma.Core.Messages;

/// <summary>Why a device message was refused. Each maps to one HTTP status and one MQTT reason code.</summary>
public enum RejectionReason
{
    /// <summary>Not JSON, or not the shape of a known format (HTTP 400).</summary>
    Malformed,

    /// <summary>Well-formed but a field is missing, of the wrong type, implausible or fails its checksum (HTTP 422).</summary>
    Invalid,

    /// <summary>Larger than the ingestion limit (HTTP 413).</summary>
    TooLarge,

    /// <summary>The device is not registered, or the message speaks for another device (HTTP 422 / MQTT not authorized).</summary>
    UnknownDevice,

    /// <summary>Unsigned or wrongly signed: not provably from the device it names (HTTP 401 / MQTT not authorized).</summary>
    Unauthenticated,
}
