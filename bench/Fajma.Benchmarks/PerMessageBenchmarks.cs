using System.Buffers;
using BenchmarkDotNet.Attributes;
using Fajma.Core.Messages;
using Fajma.Server.Live;
using Fajma.Server.Observations;
using Fajma.Server.Observations.Seal;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace Fajma.Benchmarks;

/// <summary>
/// The CPU steps of one flat ESP32 reading side by side, measured in one run so they compare: parse (with canonical
/// bytes), signature check, sealed rows, and one hub JSON frame per observation (3), then all four in a row. Device
/// lookup, alert rules, the commit and SignalR's sending are not in it (see <see cref="WriterBenchmarks"/>).
/// </summary>
[MemoryDiagnoser]
public class PerMessageBenchmarks
{
    private readonly byte[] _message = Inputs.Flat();
    private readonly DeviceReading _reading = Inputs.Parsed(Inputs.Flat());
    private readonly ReadingWrite _write = ReadingWrite.Create(Inputs.Parsed(Inputs.Flat()), 42, "mqtt", Inputs.At, Inputs.DataKey);
    private readonly JsonHubProtocol _json = Inputs.HubJsonProtocol();
    private readonly ArrayBufferWriter<byte> _buffer = new(1024);

    [Benchmark]
    public DeviceReading? Parse() => DeviceMessageParser.Parse(_message).Value;

    [Benchmark]
    public bool Verify() => MessageSignature.Verify(Inputs.Secret, _reading.SignedBytes.Span, _reading.Signature);

    [Benchmark]
    public ReadingWrite SealRows() => ReadingWrite.Create(_reading, 42, "mqtt", Inputs.At, Inputs.DataKey);

    [Benchmark]
    public int LiveFrames() => Frames(_write);

    [Benchmark(Baseline = true)]
    public int AllSteps()
    {
        var reading = DeviceMessageParser.Parse(_message).Value!;
        if (!MessageSignature.Verify(Inputs.Secret, reading.SignedBytes.Span, reading.Signature)) throw new InvalidOperationException("signature");
        return Frames(ReadingWrite.Create(reading, 42, "mqtt", Inputs.At, Inputs.DataKey));
    }

    private int Frames(ReadingWrite write)
    {
        _buffer.ResetWrittenCount();
        foreach (var observation in write.Observations)
            _json.WriteMessage(new InvocationMessage(MonitoringEvents.Observation, [ObservationDto.From(observation, write.Reading.MessageKey, null)]), _buffer);
        return _buffer.WrittenCount;
    }
}
