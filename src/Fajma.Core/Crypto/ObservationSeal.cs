using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Fajma.Core.Crypto;

/// <summary>
/// An observation's clinical numbers (value, diastolic, quality) encrypted together under the patient's
/// data key. The associated data is the row's own identity — patient, device, vital sign and time — so a
/// ciphertext copied into another row, another patient or another time does not open.
/// Plaintext: value (f64 LE) | diastolic (f64 LE, NaN = none) | quality (i32 LE, -1 = none): 20 bytes.
/// </summary>
public static class ObservationSeal
{
    private const int PlainSize = 20;

    public static byte[] Seal(ReadOnlySpan<byte> dataKey, ObservationIdentity row, SealedValues values)
    {
        using var aes = FieldCipher.Create(dataKey);
        return Seal(aes, row, values);
    }

    /// <param name="aes">The patient's data key as a cipher (<see cref="FieldCipher.Create"/>), shared by the rows of one message or page.</param>
    public static byte[] Seal(System.Security.Cryptography.AesGcm aes, ObservationIdentity row, SealedValues values)
    {
        Span<byte> plain = stackalloc byte[PlainSize];
        BinaryPrimitives.WriteDoubleLittleEndian(plain, values.Value);
        BinaryPrimitives.WriteDoubleLittleEndian(plain[8..], values.Diastolic ?? double.NaN);
        BinaryPrimitives.WriteInt32LittleEndian(plain[16..], values.Quality ?? -1);
        Span<byte> context = stackalloc byte[ContextCapacity];
        return FieldCipher.Encrypt(aes, plain, Context(row, context));
    }

    /// <exception cref="System.Security.Cryptography.CryptographicException">The ciphertext was altered or belongs to another row or key.</exception>
    public static SealedValues Open(ReadOnlySpan<byte> dataKey, ObservationIdentity row, ReadOnlySpan<byte> sealedValues)
    {
        using var aes = FieldCipher.Create(dataKey);
        return Open(aes, row, sealedValues);
    }

    /// <exception cref="System.Security.Cryptography.CryptographicException">The ciphertext was altered or belongs to another row or key.</exception>
    public static SealedValues Open(System.Security.Cryptography.AesGcm aes, ObservationIdentity row, ReadOnlySpan<byte> sealedValues)
    {
        Span<byte> context = stackalloc byte[ContextCapacity];
        var plain = FieldCipher.Decrypt(aes, sealedValues, Context(row, context));
        if (plain.Length != PlainSize) throw new System.Security.Cryptography.CryptographicException("sealed observation has the wrong length");
        var diastolic = BinaryPrimitives.ReadDoubleLittleEndian(plain.AsSpan(8));
        var quality = BinaryPrimitives.ReadInt32LittleEndian(plain.AsSpan(16));
        return new SealedValues(BinaryPrimitives.ReadDoubleLittleEndian(plain), double.IsNaN(diastolic) ? null : diastolic, quality < 0 ? null : quality);
    }

    private const int ContextCapacity = 256;

    /// <summary>The associated data, written as UTF-8 into <paramref name="buffer"/> (device ids are short) or, if longer, a new array.</summary>
    private static ReadOnlySpan<byte> Context(ObservationIdentity row, Span<byte> buffer) =>
        System.Text.Unicode.Utf8.TryWrite(buffer, CultureInfo.InvariantCulture,
            $"patient:{row.PatientId}|observation|{row.DeviceId}|{row.Type}|{row.MeasuredAtUnixMs}", out var written)
            ? buffer[..written]
            : Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"patient:{row.PatientId}|observation|{row.DeviceId}|{row.Type}|{row.MeasuredAtUnixMs}"));
}
