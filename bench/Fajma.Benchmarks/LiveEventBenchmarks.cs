using System.Buffers;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Fajma.Server;
using Fajma.Server.Live;
using Fajma.Server.Observations;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace Fajma.Benchmarks;

/// <summary>
/// The hub's <c>observation</c> event: the DTO alone through the source-generated <see cref="ServerJsonContext"/> the hub's
/// JSON protocol is given (PlatformExtensions.AddPlatform), the whole SignalR JSON invocation frame as written to a browser,
/// and the same frame in the MessagePack the hub offers beside it (the same shape, transcoded from that JSON).
/// </summary>
[MemoryDiagnoser]
public class LiveEventBenchmarks
{
    private readonly ObservationDto _dto = new(1_234_567, 42, Inputs.DeviceId, "heart_rate", "8867-4", 72, null, "/min", 95,
        Inputs.At, Inputs.At.AddMilliseconds(180), "device", "ts:3600000");

    private readonly JsonHubProtocol _json = Inputs.HubJsonProtocol();
    private readonly MessagePackHubProtocol _messagePack = Inputs.HubMessagePackProtocol();
    private readonly ArrayBufferWriter<byte> _buffer = new(1024);
    private InvocationMessage Invocation => new(MonitoringEvents.Observation, [_dto]);

    [GlobalSetup]
    public void PrintSizes() =>
        Console.WriteLine($"// observation event bytes: DTO JSON {DtoJson().Length}, hub JSON frame {HubFrameJson()}, hub MessagePack frame {HubFrameMessagePack()}");

    [Benchmark(Baseline = true)]
    public byte[] DtoJson() => JsonSerializer.SerializeToUtf8Bytes(_dto, ServerJsonContext.Default.ObservationDto);

    [Benchmark]
    public int HubFrameJson()
    {
        _buffer.ResetWrittenCount();
        _json.WriteMessage(Invocation, _buffer);
        return _buffer.WrittenCount;
    }

    [Benchmark]
    public int HubFrameMessagePack()
    {
        _buffer.ResetWrittenCount();
        _messagePack.WriteMessage(Invocation, _buffer);
        return _buffer.WrittenCount;
    }
}
