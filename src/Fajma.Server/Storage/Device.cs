namespace Fajma.Server.Storage;

/// <summary>A sensor. <see cref="Id"/> is its unique identifier on the wire (seed: <c>identifiant_unique</c>).</summary>
public sealed class Device
{
    public required string Id { get; set; }

    /// <summary>See <see cref="Fajma.Server.Devices.DeviceTypes"/>.</summary>
    public required string Type { get; set; }

    public int? PatientId { get; set; }

    public Patient? Patient { get; set; }

    /// <summary>Percent, as last reported.</summary>
    public int? BatteryLevel { get; set; }

    /// <summary>dBm, as last reported.</summary>
    public int? SignalStrength { get; set; }

    public DateTimeOffset? LastCalibration { get; set; }

    public DateTimeOffset? LastSeenAt { get; set; }

    /// <summary>The interval the device reads at by default; a <c>rateMultiplier</c> is relative to it (null: the platform default).</summary>
    public int? NominalIntervalMs { get; set; }

    /// <summary>The interval last confirmed by the device after a <c>set_sampling_rate</c> (null: never changed).</summary>
    public int? SamplingIntervalMs { get; set; }

    public DateTimeOffset RegisteredAt { get; set; }

    /// <summary>The device's HMAC secret, encrypted with ASP.NET Core Data Protection; the plain secret is shown once, at provisioning.</summary>
    public string? SecretProtected { get; set; }

    /// <summary>SHA-256 thumbprint of the device's current client certificate (from the device CA); a rotated one no longer matches.</summary>
    public string? CertificateThumbprint { get; set; }

    /// <summary>When set, the device is refused on every transport.</summary>
    public DateTimeOffset? RevokedAt { get; set; }
}
