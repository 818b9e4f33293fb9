using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Fajma.Core.Messages;

namespace Fajma.Benchmarks;

/// <summary>
/// <see cref="DeviceMessageParser.Parse(ReadOnlyMemory{byte}, bool)"/>, the entry point every transport calls: JSON DOM,
/// interoperability check, field validation, and the canonical bytes a signature covers (the signature is present).
/// The standard message's first two steps are also measured alone, so the rest of its cost shows by difference.
/// </summary>
[MemoryDiagnoser]
public class ParserBenchmarks : IDisposable
{
    private readonly byte[] _flat = Inputs.Flat();
    private readonly byte[] _standard = Inputs.Standard();
    private readonly JsonDocument _standardDocument = Inputs.Document(Inputs.Standard());

    [Benchmark(Baseline = true)]
    public DeviceReading? FlatEsp32() => DeviceMessageParser.Parse(_flat).Value;

    [Benchmark]
    public DeviceReading? Standard() => DeviceMessageParser.Parse(_standard).Value;

    [Benchmark]
    public int StandardDocumentOnly()
    {
        using var document = JsonDocument.Parse(_standard);
        return document.RootElement.GetPropertyCount();
    }

    [Benchmark]
    public FieldError? StandardInteroperabilityCheck() => InteroperableJson.FindProblem(_standardDocument.RootElement);

    public void Dispose()
    {
        _standardDocument.Dispose();
        GC.SuppressFinalize(this);
    }
}
