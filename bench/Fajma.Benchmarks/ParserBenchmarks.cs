using BenchmarkDotNet.Attributes;
using Fajma.Core.Messages;

namespace Fajma.Benchmarks;

/// <summary>
/// <see cref="DeviceMessageParser.Parse(ReadOnlyMemory{byte}, bool)"/>, the entry point every transport calls: JSON DOM,
/// interoperability check, field validation, and the canonical bytes a signature covers (the signature is present).
/// </summary>
[MemoryDiagnoser]
public class ParserBenchmarks
{
    private readonly byte[] _flat = Inputs.Flat();
    private readonly byte[] _standard = Inputs.Standard();

    [Benchmark(Baseline = true)]
    public DeviceReading? FlatEsp32() => DeviceMessageParser.Parse(_flat).Value;

    [Benchmark]
    public DeviceReading? Standard() => DeviceMessageParser.Parse(_standard).Value;
}
