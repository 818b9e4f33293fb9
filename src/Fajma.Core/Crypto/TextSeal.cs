using System.Globalization;
using System.Text;

namespace Fajma.Core.Crypto;

/// <summary>
/// Free text of a patient's record (chat messages, consultation notes) under the patient's data key. The
/// associated data names the record, e.g. <c>chat|consultation:7|seq:12</c>, so a text cannot be moved.
/// </summary>
public static class TextSeal
{
    public static byte[] Seal(ReadOnlySpan<byte> dataKey, int patientId, string record, string text) =>
        FieldCipher.Encrypt(dataKey, Encoding.UTF8.GetBytes(text ?? throw new ArgumentNullException(nameof(text))), Context(patientId, record));

    /// <exception cref="System.Security.Cryptography.CryptographicException">Altered, moved, or the wrong key.</exception>
    public static string Open(ReadOnlySpan<byte> dataKey, int patientId, string record, ReadOnlySpan<byte> sealedText) =>
        Encoding.UTF8.GetString(FieldCipher.Decrypt(dataKey, sealedText, Context(patientId, record)));

    public static string ChatRecord(int consultationId, long sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"chat|consultation:{consultationId}|seq:{sequence}");

    public static string NoteRecord(int consultationId) =>
        string.Create(CultureInfo.InvariantCulture, $"note|consultation:{consultationId}");

    private static byte[] Context(int patientId, string record) =>
        Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"patient:{patientId}|{record}"));
}
