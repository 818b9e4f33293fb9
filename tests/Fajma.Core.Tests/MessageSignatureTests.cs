using System.Text;
using System.Text.Json;
using Fajma.Core.Messages;
using Fajma.Core.Wire;

namespace Fajma.Core.Tests;

public sealed class MessageSignatureTests
{
    private static readonly byte[] s_secret = Encoding.UTF8.GetBytes("0123456789abcdef0123456789abcdef");

    private static DeviceReading Parse(string json) => DeviceMessageParser.Parse(Encoding.UTF8.GetBytes(json)).Value!;

    [Fact]
    public void ASignatureCoversTheCanonicalMessageWhateverItsMemberOrder()
    {
        var signed = Encoding.UTF8.GetString(StandardMessageBuilder.Flat(new FlatDeviceMessage("esp-1", 42, 72, 98, 36.6), s_secret));
        using var doc = JsonDocument.Parse(signed);
        var signature = doc.RootElement.GetProperty("signature").GetString();
        var reordered = $$"""{ "temperature": 36.6, "signature": "{{signature}}", "spo2": 98, "heart_rate": 72.0, "timestamp": 42, "device_id": "esp-1" }""";

        var reading = Parse(reordered);

        Assert.True(MessageSignature.Verify(s_secret, reading.SignedBytes.Span, reading.Signature));
    }

    [Fact]
    public void AnyChangedFieldOrAnotherSecretFailsVerification()
    {
        var signed = Encoding.UTF8.GetString(StandardMessageBuilder.Flat(new FlatDeviceMessage("esp-1", 42, 72, 98, 36.6), s_secret));
        var changed = Parse(signed.Replace("\"spo2\":98", "\"spo2\":99", StringComparison.Ordinal));
        var original = Parse(signed);

        Assert.False(MessageSignature.Verify(s_secret, changed.SignedBytes.Span, changed.Signature));
        Assert.False(MessageSignature.Verify(Encoding.UTF8.GetBytes("another secret of 32 bytes......"), original.SignedBytes.Span, original.Signature));
        Assert.True(MessageSignature.Verify(s_secret, original.SignedBytes.Span, original.Signature));
    }

    [Fact]
    public void TheStandardMessageSignsHeaderAndPayloadIncludingTheChecksum()
    {
        var message = StandardMessageBuilder.Build("DEV-1", Guid.NewGuid(), DateTimeOffset.UnixEpoch.AddYears(55), [new Vitals.Measurement(Vitals.VitalSignType.HeartRate, 70)], secret: s_secret);
        var reading = DeviceMessageParser.Parse(StandardMessageBuilder.ToUtf8(message)).Value!;

        Assert.StartsWith(MessageSignature.Prefix, reading.Signature, StringComparison.Ordinal);
        Assert.True(MessageSignature.Verify(s_secret, reading.SignedBytes.Span, reading.Signature));
        // The documented bytes: RFC 8785 of the message without "signature" (here recomputed independently).
        using var doc = JsonDocument.Parse(StandardMessageBuilder.ToUtf8(message with { Signature = null }));
        Assert.Equal(CanonicalJson.SerializeToUtf8(doc.RootElement), reading.SignedBytes.ToArray());
    }
}
