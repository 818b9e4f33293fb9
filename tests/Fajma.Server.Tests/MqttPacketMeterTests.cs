using Fajma.Server.Ingestion.Mqtt;
using Fajma.Server.Tests.Infrastructure;
using MQTTnet.Formatter;
using MQTTnet.Packets;
using MQTTnet.Protocol;

namespace Fajma.Server.Tests;

/// <summary>The framing check on its own, over packets MQTTnet itself encodes: the byte splits a socket happens to deliver change nothing.</summary>
public sealed class MqttPacketMeterTests
{
    private const int ConnectLimit = 4 * 1024, PacketLimit = 68 * 1024;

    private static byte[] Encode(MqttPacket packet) =>
        new MqttPacketFormatterAdapter(MqttProtocolVersion.V500, new MqttBufferWriter(4096, 65535)).Encode(packet).ToArray();

    private static byte[] Publish(int payloadBytes) => Encode(new MqttPublishPacket
    {
        Topic = "fajma/sensors/TEST-0001",
        PacketIdentifier = 1,
        QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce,
        Payload = new System.Buffers.ReadOnlySequence<byte>(new byte[payloadBytes]),
    });

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(4096)]
    [InlineData(1 << 20)]
    public void ASessionsPacketsAreFollowedWhateverChunksTheyArriveIn(int chunk)
    {
        byte[] session = [.. RawMqtt.Connect("TEST-0001", "secret"), .. Publish(60 * 1024), .. Encode(MqttPingReqPacket.Instance),
            .. Encode(new MqttSubscribePacket { PacketIdentifier = 2, TopicFilters = [new MqttTopicFilter { Topic = "fajma/devices/TEST-0001/commands" }] }), .. Publish(0)];
        var meter = new MqttPacketMeter(ConnectLimit, PacketLimit);

        for (var offset = 0; offset < session.Length; offset += chunk)
            Assert.Equal(MqttFrameVerdict.Ok, meter.Advance(session.AsSpan(offset, Math.Min(chunk, session.Length - offset))));

        Assert.Equal(5, meter.PacketsReceived);
    }

    [Fact]
    public void APacketOfExactlyTheLimitPassesAndOneByteMoreIsRefusedFromItsHeaderAlone()
    {
        var connect = RawMqtt.Connect("TEST-0001", "secret");
        var payload = PacketLimit - Publish(0).Length - 2; // past 16 KiB the remaining length takes 3 bytes, not 1
        var atLimit = Publish(payload);
        var overLimit = Publish(payload + 1);
        Assert.Equal(PacketLimit, atLimit.Length);

        var fits = new MqttPacketMeter(ConnectLimit, PacketLimit);
        Assert.Equal(MqttFrameVerdict.Ok, fits.Advance([.. connect, .. atLimit]));
        Assert.Equal(2, fits.PacketsReceived);
        var refused = new MqttPacketMeter(ConnectLimit, PacketLimit);
        Assert.Equal(MqttFrameVerdict.Ok, refused.Advance(connect));
        Assert.Equal(MqttFrameVerdict.TooLarge, refused.Advance(overLimit.AsSpan(0, 4))); // type byte and 3 length bytes
        Assert.Equal(PacketLimit + 1, refused.DeclaredBytes);
    }

    [Fact]
    public void TheLargestDeclarableConnectIsRefusedAtItsSecondLengthByte()
    {
        var meter = new MqttPacketMeter(ConnectLimit, PacketLimit);

        Assert.Equal(MqttFrameVerdict.Ok, meter.Advance([0x10, 0xFF]));
        Assert.Equal(MqttFrameVerdict.TooLarge, meter.Advance([0xFF]));
    }

    [Theory]
    [InlineData(new byte[] { 0x47, 0x45, 0x54, 0x20 })] // "GET ": HTTP on the MQTT port
    [InlineData(new byte[] { 0x16, 0x03, 0x01 })] // a TLS ClientHello on the plain port
    [InlineData(new byte[] { 0x30, 0x00 })] // a PUBLISH before any CONNECT
    [InlineData(new byte[] { 0x10, 0x80, 0x80, 0x80, 0x80 })] // a remaining length of five bytes
    public void AFirstPacketThatIsNotAConnectOrAHeaderLongerThanMqttAllowsIsMalformed(byte[] bytes)
    {
        Assert.Equal(MqttFrameVerdict.Malformed, new MqttPacketMeter(int.MaxValue, int.MaxValue).Advance(bytes));
    }
}
