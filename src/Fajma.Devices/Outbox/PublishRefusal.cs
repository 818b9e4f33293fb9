using Fajma.Devices.Transport;

namespace Fajma.Devices.Outbox;

/// <summary>Which refusals are about the message itself, so sending it again can never succeed.</summary>
public static class PublishRefusal
{
    // HTTP 400 malformed, 413 too large, 422 invalid; MQTT PUBACK codes the server gives for the same verdicts.
    // Not 401/403/NotAuthorized (the device as a whole is refused: every message would be) nor 408/429/5xx/quota (passing).
    // Caveat: the server's HTTP 422 also covers "unknown device"; a device sending over HTTPS before it is registered
    // parks its messages (kept in the file, not lost). Over MQTT that case is NotAuthorized and is retried.
    private static readonly HashSet<string> s_messageSpecific = new(StringComparer.Ordinal)
    {
        "400", "413", "422", "PayloadFormatInvalid", "ImplementationSpecificError", "TopicNameInvalid",
    };

    /// <summary>True when the server refused this message for what it contains (HTTP status or MQTT 5 PUBACK reason name).</summary>
    public static bool IsMessageSpecific(PublishResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return !result.Accepted && s_messageSpecific.Contains(result.Code);
    }
}
