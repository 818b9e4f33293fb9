using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Fajma.Server.Devices;

/// <summary>
/// Per-device HMAC secrets: 256 random bits, handed to the device once at provisioning and kept by the
/// server only encrypted (ASP.NET Core Data Protection, keys under the data directory).
/// </summary>
public sealed class DeviceSecrets(IDataProtectionProvider protection)
{
    private readonly IDataProtector _protector = protection.CreateProtector("Fajma.Devices.Secret.v1");

    public (byte[] Secret, string Protected) Create()
    {
        var secret = RandomNumberGenerator.GetBytes(32);
        return (secret, _protector.Protect(Convert.ToBase64String(secret)));
    }

    public byte[] Unprotect(string protectedSecret) => Convert.FromBase64String(_protector.Unprotect(protectedSecret));

    public static string Encode(byte[] secret) => Fajma.Core.Wire.DeviceSecretText.Encode(secret);

    public static byte[] Decode(string encoded) =>
        Fajma.Core.Wire.DeviceSecretText.TryDecode(encoded) ?? throw new FormatException("a device secret is base64url text");
}
