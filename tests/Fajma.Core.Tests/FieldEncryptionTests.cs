using System.Security.Cryptography;
using System.Text;
using CsCheck;
using Fajma.Core.Crypto;

namespace Fajma.Core.Tests;

public sealed class FieldEncryptionTests
{
    private static readonly byte[] s_master = RandomNumberGenerator.GetBytes(32);

    [Fact]
    public void AValueRoundTripsAndItsCiphertextHidesIt()
    {
        var key = PatientKeyring.NewDataKey();
        var context = PatientKeyring.FieldContext(42, "observations.value");
        var plaintext = Encoding.UTF8.GetBytes("heart_rate=72");

        var first = FieldCipher.Encrypt(key, plaintext, context);
        var second = FieldCipher.Encrypt(key, plaintext, context);

        Assert.Equal(plaintext, FieldCipher.Decrypt(key, first, context));
        Assert.NotEqual(first, second); // fresh nonce each time: equal values do not look equal at rest
        Assert.Equal(-1, first.AsSpan().IndexOf(plaintext));
    }

    [Fact]
    public void AnyFlippedByteIsAnAuthenticationErrorNeverWrongData()
    {
        var key = PatientKeyring.NewDataKey();
        var context = PatientKeyring.FieldContext(7, "observations.value");
        var blob = FieldCipher.Encrypt(key, Encoding.UTF8.GetBytes("spo2=97"), context);

        Gen.Int[1, blob.Length - 1].Select(Gen.Int[0, 7]).Sample((index, bit) =>
        {
            var tampered = (byte[])blob.Clone();
            tampered[index] ^= (byte)(1 << bit);
            Assert.ThrowsAny<CryptographicException>(() => FieldCipher.Decrypt(key, tampered, context));
        }, iter: 200);
    }

    [Fact]
    public void ACiphertextMovedToAnotherPatientOrColumnDoesNotDecrypt()
    {
        var key = PatientKeyring.NewDataKey();
        var blob = FieldCipher.Encrypt(key, Encoding.UTF8.GetBytes("38.9"), PatientKeyring.FieldContext(1, "observations.value"));

        Assert.ThrowsAny<CryptographicException>(() => FieldCipher.Decrypt(key, blob, PatientKeyring.FieldContext(2, "observations.value")));
        Assert.ThrowsAny<CryptographicException>(() => FieldCipher.Decrypt(key, blob, PatientKeyring.FieldContext(1, "chat.text")));
    }

    [Fact]
    public void RotatingTheMasterKeyKeepsDataReadableAndTheOldMasterKeyUseless()
    {
        var dataKey = PatientKeyring.NewDataKey();
        var wrapped = PatientKeyring.Wrap(s_master, dataKey, 5);
        var context = PatientKeyring.FieldContext(5, "observations.value");
        var blob = FieldCipher.Encrypt(dataKey, Encoding.UTF8.GetBytes("120/80"), context);
        var newMaster = RandomNumberGenerator.GetBytes(32);

        var rewrapped = PatientKeyring.Rewrap(s_master, newMaster, wrapped, 5);

        Assert.Equal("120/80", Encoding.UTF8.GetString(FieldCipher.Decrypt(PatientKeyring.Unwrap(newMaster, rewrapped, 5), blob, context)));
        Assert.ThrowsAny<CryptographicException>(() => PatientKeyring.Unwrap(s_master, rewrapped, 5));
        Assert.ThrowsAny<CryptographicException>(() => PatientKeyring.Unwrap(newMaster, rewrapped, 6)); // a key wrapped for 5 is not 6's
    }
}
