using System.Security.Cryptography;
using System.Text;

namespace Fajma.Core.Crypto;

/// <summary>
/// Envelope encryption: each patient's data key (256 random bits) is stored only wrapped by the master
/// key (AES-256-GCM, associated data = the patient id). Rotating the master key rewraps the data keys
/// without touching the data; deleting a patient's wrapped key makes all their data unreadable
/// (crypto-shredding, the basis of GDPR erasure).
/// </summary>
public static class PatientKeyring
{
    public static byte[] NewDataKey() => RandomNumberGenerator.GetBytes(FieldCipher.KeySize);

    public static byte[] Wrap(ReadOnlySpan<byte> masterKey, ReadOnlySpan<byte> dataKey, int patientId) =>
        FieldCipher.Encrypt(masterKey, dataKey, WrapContext(patientId));

    public static byte[] Unwrap(ReadOnlySpan<byte> masterKey, ReadOnlySpan<byte> wrappedKey, int patientId) =>
        FieldCipher.Decrypt(masterKey, wrappedKey, WrapContext(patientId));

    /// <summary>The same data key under a new master key: the data it protects is not re-encrypted.</summary>
    public static byte[] Rewrap(ReadOnlySpan<byte> oldMasterKey, ReadOnlySpan<byte> newMasterKey, ReadOnlySpan<byte> wrappedKey, int patientId)
    {
        var dataKey = Unwrap(oldMasterKey, wrappedKey, patientId);
        try
        {
            return Wrap(newMasterKey, dataKey, patientId);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }
    }

    /// <summary>The associated data binding a field to its patient and column, so ciphertexts cannot be moved.</summary>
    public static byte[] FieldContext(int patientId, string column) =>
        Encoding.UTF8.GetBytes(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"patient:{patientId}|{column}"));

    private static byte[] WrapContext(int patientId) =>
        Encoding.UTF8.GetBytes(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"data-key|patient:{patientId}"));
}
