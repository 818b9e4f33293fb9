using System.Security.Cryptography;
using CsCheck;
using Fajma.Core.Crypto;

namespace Fajma.Core.Tests;

public sealed class ObservationSealTests
{
    private static readonly ObservationIdentity s_row = new(42, "ESP32-001", "blood_pressure", 1_790_000_000_000);

    [Fact]
    public void ValuesRoundTripIncludingTheAbsentOnes()
    {
        var key = PatientKeyring.NewDataKey();
        Gen.Double[-1000, 1000].Select(Gen.Double[0, 300].Nullable(), Gen.Int[0, 100].Nullable()).Sample((value, diastolic, quality) =>
        {
            var values = new SealedValues(value, diastolic, quality);
            Assert.Equal(values, ObservationSeal.Open(key, s_row, ObservationSeal.Seal(key, s_row, values)));
        }, iter: 200);
    }

    [Fact]
    public void ASealMovedToAnotherPatientDeviceVitalOrTimeDoesNotOpen()
    {
        var key = PatientKeyring.NewDataKey();
        var sealedValues = ObservationSeal.Seal(key, s_row, new SealedValues(128, 84, 95));

        foreach (var moved in (ObservationIdentity[])[s_row with { PatientId = 43 }, s_row with { DeviceId = "ESP32-002" },
                     s_row with { Type = "heart_rate" }, s_row with { MeasuredAtUnixMs = s_row.MeasuredAtUnixMs + 1 }])
            Assert.ThrowsAny<CryptographicException>(() => ObservationSeal.Open(key, moved, sealedValues));
        Assert.ThrowsAny<CryptographicException>(() => ObservationSeal.Open(PatientKeyring.NewDataKey(), s_row, sealedValues));
    }

    [Fact]
    public void OneCipherSealsAndOpensAMessagesRowsLikeTheKeyItselfWhateverTheDeviceIdsLength()
    {
        var key = PatientKeyring.NewDataKey();
        using var cipher = FieldCipher.Create(key);
        Gen.String[Gen.Char.AlphaNumeric, 1, 600].Select(Gen.Double[0, 300]).Sample((deviceId, value) =>
        {
            // Long ids take the associated data past its stack buffer: the same bytes either way.
            var row = s_row with { DeviceId = deviceId };
            var values = new SealedValues(value, null, 90);
            Assert.Equal(values, ObservationSeal.Open(key, row, ObservationSeal.Seal(cipher, row, values)));
            Assert.Equal(values, ObservationSeal.Open(cipher, row, ObservationSeal.Seal(key, row, values)));
            Assert.ThrowsAny<CryptographicException>(() => ObservationSeal.Open(cipher, row with { DeviceId = deviceId + "x" }, ObservationSeal.Seal(key, row, values)));
        }, iter: 100, threads: 1); // CsCheck samples on every core by default; a cipher, like a message's, is one thread's
    }
}
