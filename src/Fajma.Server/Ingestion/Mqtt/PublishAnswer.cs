using Fajma.Core.Wire;
using MQTTnet.Packets;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace Fajma.Server.Ingestion.Mqtt;

/// <summary>
/// What the broker answers a device's PUBLISH: the reason its PUBACK carries (MQTT 5 carries it, with a reason string and a
/// Retry-After; 3.1.1's PUBACK only acknowledges). The same answer whichever way the publish came in (<see cref="IDevicePublishes"/>).
/// </summary>
internal readonly record struct PublishAnswer(MqttPubAckReasonCode Code, string? Reason = null, int? RetryAfterSeconds = null)
{
    private const int MaxReasonLength = 512;

    public static PublishAnswer Accepted => new(MqttPubAckReasonCode.Success);

    public static PublishAnswer Refused(MqttPubAckReasonCode code, string reason) =>
        new(code, reason.Length <= MaxReasonLength ? reason : reason[..MaxReasonLength]);

    /// <summary>Not taken, not acknowledged either: the device keeps the message and sends it again after the delay.</summary>
    public static PublishAnswer Busy(TimeSpan retryAfter)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        return new(MqttPubAckReasonCode.QuotaExceeded, $"server busy: nothing stored; send again in {seconds} s", seconds);
    }

    /// <summary>The answer as MQTTnet's interceptor gives it: never relayed (nothing subscribes to what devices publish).</summary>
    public void ApplyTo(InterceptingPublishEventArgs e)
    {
        e.ProcessPublish = false;
        e.Response.ReasonCode = Code;
        e.Response.ReasonString = Reason;
        if (RetryAfterProperty() is { } retryAfter) e.Response.UserProperties = [retryAfter];
    }

    /// <summary>The PUBACK itself, for a QoS 1 publish answered without MQTTnet's dispatch.</summary>
    public MqttPubAckPacket ToPubAck(ushort packetIdentifier) => new()
    {
        PacketIdentifier = packetIdentifier,
        ReasonCode = Code,
        ReasonString = Reason,
        UserProperties = RetryAfterProperty() is { } retryAfter ? [retryAfter] : null,
    };

    private MqttUserProperty? RetryAfterProperty() => RetryAfterSeconds is { } seconds
        ? new MqttUserProperty(MqttRetryAfter.PropertyName, System.Text.Encoding.UTF8.GetBytes(seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)).AsMemory())
        : null;
}
