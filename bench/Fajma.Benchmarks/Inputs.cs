using System.Security.Cryptography;
using System.Text.Json;
using Fajma.Core.Messages;
using Fajma.Core.Vitals;
using Fajma.Core.Wire;

namespace Fajma.Benchmarks;

/// <summary>
/// Messages as devices send them, built and signed by the product's own builder (as the server tests do):
/// the seed ESP32 sketch's flat reading and a standard message with heart rate, blood pressure and a device status.
/// </summary>
public static class Inputs
{
    public const string DeviceId = "esp32-ward3-017";

    /// <summary>A device secret as provisioning issues it (32 random bytes), fixed so runs compare.</summary>
    public static readonly byte[] Secret = SHA256.HashData("fajma benchmark device secret"u8);

    /// <summary>A patient data key (AES-256), fixed so runs compare.</summary>
    public static readonly byte[] DataKey = SHA256.HashData("fajma benchmark patient data key"u8);

    public static readonly DateTimeOffset At = new(2026, 12, 3, 17, 0, 0, TimeSpan.Zero);

    /// <summary>The seed sketch's message: uptime in ms, three readings, HMAC signature.</summary>
    public static byte[] Flat(long uptimeMs = 3_600_000) =>
        StandardMessageBuilder.Flat(new FlatDeviceMessage(DeviceId, uptimeMs, 72, 97, 36.6), Secret);

    public static byte[] Standard() =>
        StandardMessageBuilder.ToUtf8(StandardMessageBuilder.Build(DeviceId, new Guid("5f0c2f8e-7d1a-4c3e-9b7a-2a1d0e6f4b11"), At,
            [new Measurement(VitalSignType.HeartRate, 72, Quality: 95, MeasuredAt: At), new Measurement(VitalSignType.BloodPressure, 120, 80, 98, At)],
            new WireDeviceStatus(85, -45, At.AddDays(-1)), secret: Secret));

    /// <summary>A parsed and signed reading, as ingestion holds it after parsing.</summary>
    public static DeviceReading Parsed(byte[] message)
    {
        var parsed = DeviceMessageParser.Parse(message);
        return parsed.Value ?? throw new InvalidOperationException($"benchmark input refused: {parsed.Rejection}");
    }

    public static JsonDocument Document(byte[] message) => JsonDocument.Parse(message);

    /// <summary>SignalR's JSON protocol set up as the server sets it (PlatformExtensions.AddPlatform): the source-generated context first.</summary>
    public static Microsoft.AspNetCore.SignalR.Protocol.JsonHubProtocol HubJsonProtocol() =>
        new(Microsoft.Extensions.Options.Options.Create(HubJsonOptions()));

    /// <summary>The hub's MessagePack as the server offers it: the JSON contract's shape (PlatformExtensions.AddPlatform).</summary>
    public static Microsoft.AspNetCore.SignalR.Protocol.MessagePackHubProtocol HubMessagePackProtocol() =>
        new(Microsoft.Extensions.Options.Options.Create(new Microsoft.AspNetCore.SignalR.MessagePackHubProtocolOptions
        {
            SerializerOptions = Fajma.Server.Platform.JsonShapedMessagePack.Options(HubJsonOptions().PayloadSerializerOptions),
        }));

    private static Microsoft.AspNetCore.SignalR.JsonHubProtocolOptions HubJsonOptions()
    {
        var options = new Microsoft.AspNetCore.SignalR.JsonHubProtocolOptions();
        options.PayloadSerializerOptions.TypeInfoResolverChain.Insert(0, Fajma.Server.ServerJsonContext.Default);
        return options;
    }
}
