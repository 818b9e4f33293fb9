using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Fajma.Core.Messages;

namespace Fajma.Benchmarks;

/// <summary>
/// What authenticating a message costs: the RFC 8785 canonical JSON without <c>signature</c> (done inside the parser)
/// and the HMAC-SHA256 check the pipeline runs with the device's secret (<see cref="MessageSignature.Verify"/>).
/// </summary>
[MemoryDiagnoser]
public class SignatureBenchmarks : IDisposable
{
    private readonly JsonDocument _flat = Inputs.Document(Inputs.Flat());
    private readonly JsonDocument _standard = Inputs.Document(Inputs.Standard());
    private readonly DeviceReading _flatReading = Inputs.Parsed(Inputs.Flat());
    private readonly DeviceReading _standardReading = Inputs.Parsed(Inputs.Standard());

    [Benchmark]
    public byte[] CanonicalFlat() => MessageSignature.SignedBytes(_flat.RootElement);

    [Benchmark]
    public byte[] CanonicalStandard() => MessageSignature.SignedBytes(_standard.RootElement);

    [Benchmark]
    public bool VerifyFlat() => MessageSignature.Verify(Inputs.Secret, _flatReading.SignedBytes.Span, _flatReading.Signature);

    [Benchmark]
    public bool VerifyStandard() => MessageSignature.Verify(Inputs.Secret, _standardReading.SignedBytes.Span, _standardReading.Signature);

    public void Dispose()
    {
        _flat.Dispose();
        _standard.Dispose();
        GC.SuppressFinalize(this);
    }
}
