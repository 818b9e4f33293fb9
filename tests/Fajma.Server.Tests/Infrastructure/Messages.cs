using System.Text;
using Fajma.Core.Vitals;
using Fajma.Core.Wire;

namespace Fajma.Server.Tests.Infrastructure;

/// <summary>
/// Device messages as the seeds write them. A device registered through a test host has its secret in
/// <see cref="Secrets"/>, and its messages are signed with it, as the device itself would sign them.
/// </summary>
internal static class Messages
{
    public static System.Collections.Concurrent.ConcurrentDictionary<string, byte[]> Secrets { get; } = new();

    public static string Flat(string deviceId, long uptimeMs, double heartRate = 72, double spo2 = 98, double temperature = 36.6, bool sign = true) =>
        Encoding.UTF8.GetString(StandardMessageBuilder.Flat(new FlatDeviceMessage(deviceId, uptimeMs, heartRate, spo2, temperature), SecretOf(deviceId, sign)));

    public static byte[] Standard(string deviceId, Guid messageId, DateTimeOffset at, double heartRate = 72, double systolic = 120, double diastolic = 80, bool sign = true) =>
        StandardMessageBuilder.ToUtf8(StandardMessageBuilder.Build(deviceId, messageId, at,
            [new Measurement(VitalSignType.HeartRate, heartRate, Quality: 95, MeasuredAt: at), new Measurement(VitalSignType.BloodPressure, systolic, diastolic, 98, at)],
            new WireDeviceStatus(85, -45, at.AddDays(-1)), secret: SecretOf(deviceId, sign)));

    /// <summary>A pulse oximeter's reading of the given quality (under 50: doubtful), with its battery level.</summary>
    public static byte[] Oximeter(string deviceId, DateTimeOffset at, int quality = 95, int battery = 85) =>
        StandardMessageBuilder.ToUtf8(StandardMessageBuilder.Build(deviceId, Guid.NewGuid(), at,
            [new Measurement(VitalSignType.OxygenSaturation, 97, Quality: quality, MeasuredAt: at), new Measurement(VitalSignType.HeartRate, 72, Quality: quality, MeasuredAt: at)],
            new WireDeviceStatus(battery, -50, at.AddDays(-1)), secret: SecretOf(deviceId, sign: true)));

    private static byte[]? SecretOf(string deviceId, bool sign) => sign && Secrets.TryGetValue(deviceId, out var secret) ? secret : null;

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static ByteArrayContent Json(byte[] json)
    {
        var content = new ByteArrayContent(json);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        return content;
    }
}
