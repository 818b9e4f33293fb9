namespace Fajma.Core.Wire;

/// <summary>How a device secret is written in text (device.json, the MQTT password, API responses): base64url without padding.</summary>
public static class DeviceSecretText
{
    public static string Encode(byte[] secret) => Convert.ToBase64String(secret).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static byte[]? TryDecode(string? text)
    {
        if (string.IsNullOrEmpty(text)) return null;
        var base64 = text.Replace('-', '+').Replace('_', '/');
        base64 = base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=');
        var bytes = new byte[base64.Length];
        return Convert.TryFromBase64String(base64, bytes, out var written) ? bytes[..written] : null;
    }
}
