using System.Buffers;
using MQTTnet.Adapter;
using MQTTnet.Exceptions;

namespace Fajma.Server.Ingestion.Mqtt;

/// <summary>
/// One packet's bytes gathered as they come off a connection: the fixed header's type byte and remaining length (1–4 bytes
/// of 7 bits [MQTT-2.2.3]), then the body, in a pooled buffer. Synchronous, its state in fields: the connection's one read
/// loop awaits the stream and hands each run of bytes here, so a device's wait for its next packet allocates nothing — a
/// wait's object of its own, seconds old at the next collection, was copied up with every quiet device's, then held the
/// packet it returned (docs/performance.md, issue 15, nineteenth session). Not for two readers at once.
/// </summary>
internal sealed class MqttPacketAssembly
{
    private readonly byte[] _header = new byte[2]; // the type byte, then each byte of the remaining length in turn
    private Part _part;
    private Memory<byte> _wanted;
    private int _filled, _lengthBytes, _length, _multiplier;
    private byte[]? _body;

    public MqttPacketAssembly() => Start();

    /// <summary>True once the fixed header is in: a reset from here on cuts a packet short.</summary>
    public bool InBody => _part == Part.Body;

    /// <summary>Where the stream's next bytes go.</summary>
    public Memory<byte> Wanted => _wanted[_filled..];

    /// <summary>
    /// Takes the <paramref name="read"/> bytes just written into <see cref="Wanted"/>; true once the packet is whole. The
    /// channel's screen has refused a length over the limit (or a fifth byte) before it reaches here.
    /// </summary>
    public bool Took(int read)
    {
        _filled += read;
        if (_filled < _wanted.Length) return false;
        var digit = _header[1];
        if (_part == Part.Header) (_length, _multiplier) = (digit & 0x7F, 128);
        else if (_part == Part.Length) (_length, _multiplier) = (_length + (digit & 0x7F) * _multiplier, _multiplier * 128);
        if (_part != Part.Body && (digit & 0x80) != 0)
        {
            if (++_lengthBytes > 4) throw new MqttProtocolViolationException("Remaining length is invalid.");
            (_part, _wanted, _filled) = (Part.Length, _header.AsMemory(1, 1), 0);
            return false;
        }
        if (_part != Part.Body && _length > 0)
        {
            _body = ArrayPool<byte>.Shared.Rent(_length);
            (_part, _wanted, _filled) = (Part.Body, _body.AsMemory(0, _length), 0);
            return false;
        }
        return true;
    }

    /// <summary>The whole packet, once <see cref="Took"/> has said so; its body is valid until <see cref="Next"/>.</summary>
    public ReceivedMqttPacket Packet =>
        new(_header[0], _body is null ? ArraySegment<byte>.Empty : new ArraySegment<byte>(_body, 0, _length), 1 + _lengthBytes + _length);

    /// <summary>
    /// Ready for the next packet. The body goes back to the pool: the decoders copy every field and payload a packet keeps
    /// (MqttPacketDecodingTests), and their reader's stale reference to it is overwritten at the next packet, never read before.
    /// </summary>
    public void Next()
    {
        if (_body is not null) ArrayPool<byte>.Shared.Return(_body);
        Start();
    }

    private void Start() => (_part, _wanted, _filled, _lengthBytes, _length, _body) = (Part.Header, _header, 0, 1, 0, null);

    private enum Part { Header, Length, Body }
}
