namespace Fajma.Server.Storage;

/// <summary>
/// A patient's data key, stored only wrapped by the master key (<see cref="Fajma.Core.Crypto.PatientKeyring"/>).
/// Deleting the row makes every sealed value of the patient unreadable: crypto-shredding.
/// </summary>
public sealed class PatientKey
{
    public int PatientId { get; set; }

    public required byte[] WrappedKey { get; set; }

    /// <summary>Which master key wrapped it (first bytes of its SHA-256), so a rotation can be resumed and checked.</summary>
    public required string MasterKeyId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
