namespace Fajma.Server.Privacy;

/// <summary>Configuration section <c>Encryption</c>: where the master key of the envelope encryption comes from.</summary>
public sealed class EncryptionOptions
{
    public const string Section = "Encryption";

    /// <summary>
    /// The master key, 32 bytes in base64 (from a secret store or the environment: <c>Encryption__MasterKey</c>).
    /// Unset: <c>{DataDirectory}/keys/master.key</c>, created on first start with owner-only permissions.
    /// </summary>
    public string? MasterKey { get; set; }
}
