using BenchmarkDotNet.Attributes;
using Fajma.Core.Crypto;
using Fajma.Core.Messages;
using Fajma.Server.Observations.Seal;

namespace Fajma.Benchmarks;

/// <summary>
/// Encryption at rest: one value sealed under the patient's data key (AES-256-GCM, the row's identity as associated data),
/// a whole flat reading turned into its sealed rows (<see cref="ReadingWrite.Create"/>, the public entry point of the
/// server's internal ObservationRows), and an identity column sealed with its blind index.
/// </summary>
[MemoryDiagnoser]
public class SealBenchmarks : IDisposable
{
    private static readonly byte[] s_masterKey = System.Security.Cryptography.SHA256.HashData("fajma benchmark master key"u8);
    private readonly byte[] _sealKey = IdentitySeal.SealKey(s_masterKey);
    private readonly byte[] _indexKey = IdentitySeal.IndexKey(s_masterKey);
    private readonly DeviceReading _flat = Inputs.Parsed(Inputs.Flat());
    private readonly DeviceReading _standard = Inputs.Parsed(Inputs.Standard());
    private readonly System.Security.Cryptography.AesGcm _aes = new(Inputs.DataKey, 16);
    private readonly byte[] _plain = new byte[20];
    private readonly byte[] _context = "patient:42|observation|esp32-ward3-017|heart_rate|1796317200000"u8.ToArray();
    private readonly ObservationIdentity _identity = new(42, Inputs.DeviceId, "heart_rate", Inputs.At.ToUnixTimeMilliseconds());

    [Benchmark(Baseline = true)]
    public byte[] SealOneValue() => ObservationSeal.Seal(Inputs.DataKey, _identity, new SealedValues(72, null, 95));

    /// <summary>Not product code: the same AES-GCM encryption with one AesGcm kept per key, to show what creating one per seal costs.</summary>
    [Benchmark]
    public byte[] ReferenceAesGcmReused()
    {
        var blob = new byte[1 + 12 + 16 + 20];
        System.Security.Cryptography.RandomNumberGenerator.Fill(blob.AsSpan(1, 12));
        _aes.Encrypt(blob.AsSpan(1, 12), _plain, blob.AsSpan(29), blob.AsSpan(13, 16), _context);
        return blob;
    }

    [Benchmark]
    public ReadingWrite RowsOfFlatReading() => ReadingWrite.Create(_flat, 42, "mqtt", Inputs.At, Inputs.DataKey);

    [Benchmark]
    public ReadingWrite RowsOfStandardReading() => ReadingWrite.Create(_standard, 42, "mqtt", Inputs.At, Inputs.DataKey);

    [Benchmark]
    public string SealIdentity() => IdentitySeal.Seal(_sealKey, "k1", "patients.display_name", "Marie-Hélène Dupont");

    [Benchmark]
    public string BlindIndex() => IdentitySeal.BlindIndex(_indexKey, "users.email", "marie.dupont@example.org");

    public void Dispose()
    {
        _aes.Dispose();
        GC.SuppressFinalize(this);
    }
}
