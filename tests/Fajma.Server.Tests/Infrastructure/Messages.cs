using System.Text;
using Fajma.Core.Vitals;
using Fajma.Core.Wire;

namespace Fajma.Server.Tests.Infrastructure;

/// <summary>Device messages as the seeds write them.</summary>
internal static class Messages
{
    public static string Flat(string deviceId, long uptimeMs, double heartRate = 72, double spo2 = 98, double temperature = 36.6) =>
        FormattableString.Invariant($$"""{"device_id":"{{deviceId}}","timestamp":{{uptimeMs}},"heart_rate":{{heartRate}},"spo2":{{spo2}},"temperature":{{temperature}}}""");

    public static byte[] Standard(string deviceId, Guid messageId, DateTimeOffset at, double heartRate = 72, double systolic = 120, double diastolic = 80) =>
        StandardMessageBuilder.ToUtf8(StandardMessageBuilder.Build(deviceId, messageId, at,
            [new Measurement(VitalSignType.HeartRate, heartRate, Quality: 95, MeasuredAt: at), new Measurement(VitalSignType.BloodPressure, systolic, diastolic, 98, at)],
            new WireDeviceStatus(85, -45, at.AddDays(-1))));

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static ByteArrayContent Json(byte[] json)
    {
        var content = new ByteArrayContent(json);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        return content;
    }
}
