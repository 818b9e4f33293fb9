using System.Text;
using Fajma.Server.Tests.Infrastructure;
using MQTTnet.Adapter;
using MQTTnet.Formatter;
using MQTTnet.Packets;
using MQTTnet.Protocol;

namespace Fajma.Server.Tests;

/// <summary>
/// The broker reads each packet's body into a pooled buffer and hands the buffer back once MQTTnet has decoded it
/// (<c>MqttConnectionAdapter</c>): that is safe only while every packet MQTTnet decodes owns its bytes. Each packet a
/// device may send is decoded from a buffer that is then overwritten; written out again, it must be the packet it was.
/// A version of MQTTnet whose packets kept slices of their buffer would fail here, not corrupt readings.
/// </summary>
public sealed class MqttPacketDecodingTests
{
    public static TheoryData<string, MqttProtocolVersion> Packets()
    {
        var data = new TheoryData<string, MqttProtocolVersion>();
        foreach (var version in new[] { MqttProtocolVersion.V311, MqttProtocolVersion.V500 })
            foreach (var name in s_packets.Keys)
                if (version == MqttProtocolVersion.V500 || name != "auth") data.Add(name, version);
        return data;
    }

    private static readonly Dictionary<string, Func<MqttPacket>> s_packets = new()
    {
        ["connect"] = () => new MqttConnectPacket
        {
            ClientId = "esp32-ward-7", Username = "esp32-ward-7", Password = Bytes("a device secret"), CleanSession = true,
            KeepAlivePeriod = 30, WillFlag = true, WillTopic = "fajma/status/esp32-ward-7", WillMessage = Bytes("{\"online\":false}"),
            WillQoS = MqttQualityOfServiceLevel.AtLeastOnce, WillCorrelationData = Bytes("will-correlation"),
            UserProperties = [new MqttUserProperty("firmware", Bytes("1.4.2"))], AuthenticationData = Bytes("auth-data"),
            AuthenticationMethod = "method",
        },
        ["publish"] = () => new MqttPublishPacket
        {
            Topic = "fajma/sensors/esp32-ward-7", PayloadSegment = Bytes("{\"device_id\":\"esp32-ward-7\",\"heart_rate\":72}"),
            QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce, PacketIdentifier = 42, ContentType = "application/json",
            ResponseTopic = "fajma/replies/esp32-ward-7", CorrelationData = Bytes("correlation"),
            UserProperties = [new MqttUserProperty("signature", Bytes("c2lnbmF0dXJl"))],
        },
        ["subscribe"] = () => new MqttSubscribePacket
        {
            PacketIdentifier = 3, TopicFilters = [new MqttTopicFilter { Topic = "fajma/commands/esp32-ward-7", QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce }],
            UserProperties = [new MqttUserProperty("why", Bytes("commands"))],
        },
        ["unsubscribe"] = () => new MqttUnsubscribePacket
        {
            PacketIdentifier = 4, TopicFilters = ["fajma/commands/esp32-ward-7"], UserProperties = [new MqttUserProperty("why", Bytes("done"))],
        },
        ["puback"] = () => new MqttPubAckPacket
        {
            PacketIdentifier = 5, ReasonCode = MqttPubAckReasonCode.Success, ReasonString = "applied",
            UserProperties = [new MqttUserProperty("command", Bytes("sampling-rate"))],
        },
        ["disconnect"] = () => new MqttDisconnectPacket
        {
            ReasonCode = MqttDisconnectReasonCode.NormalDisconnection, ReasonString = "going to sleep",
            UserProperties = [new MqttUserProperty("battery", Bytes("low"))],
        },
        ["auth"] = () => new MqttAuthPacket
        {
            ReasonCode = MqttAuthenticateReasonCode.ContinueAuthentication, AuthenticationMethod = "method",
            AuthenticationData = Bytes("more auth data"), ReasonString = "again",
        },
    };

    [Theory]
    [MemberData(nameof(Packets))]
    public async Task APacketDecodedFromABufferStaysTheSameWhenTheBufferIsReused(string packet, MqttProtocolVersion version)
    {
        var formatter = new MqttPacketFormatterAdapter(version, new MqttBufferWriter(4096, 65535));
        var wire = formatter.Encode(s_packets[packet]()).Join().ToArray();
        formatter.Cleanup();

        var (first, body) = await RawMqtt.ReadPacketAsync(new MemoryStream(wire), CancellationToken.None);
        var buffer = new byte[body.Length + 16]; // as a pooled buffer is: larger than the body
        body.CopyTo(buffer);
        var decoded = new MqttPacketFormatterAdapter(version, new MqttBufferWriter(4096, 65535))
            .Decode(new ReceivedMqttPacket(first, new ArraySegment<byte>(buffer, 0, body.Length), wire.Length));
        Array.Fill(buffer, (byte)0xA5); // the next packet, or another connection's, in the same buffer

        Assert.Equal(Convert.ToHexString(wire), Convert.ToHexString(formatter.Encode(decoded).Join().ToArray()));
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
}
