namespace Fajma.Server.Ingestion.Mqtt;

/// <summary>What <see cref="MqttPacketMeter"/> found in the bytes it was shown.</summary>
public enum MqttFrameVerdict
{
    Ok,

    /// <summary>A packet's declared size (fixed header included) is over the limit: known from its header, before its body.</summary>
    TooLarge,

    /// <summary>A remaining length longer than 4 bytes, or a first packet that is not CONNECT.</summary>
    Malformed,
}

/// <summary>
/// Follows MQTT packet boundaries in the bytes a connection receives, as they arrive: each fixed header is a
/// type byte and a remaining length of 1–4 bytes of 7 bits. A packet is refused as soon as its declared
/// size passes the limit — a small one for the first packet (CONNECT, before anyone has signed in), a larger
/// one after — so MQTTnet, which allocates the declared length up front, never sees such a header whole.
/// </summary>
public sealed class MqttPacketMeter(int maxFirstPacketBytes, int maxPacketBytes)
{
    private const byte Connect = 0x10; // type 1, reserved flags 0 [MQTT-2.1.3-1]

    private enum Part { TypeByte, Length, Body }

    private Part _part;
    private int _lengthBytes;
    private int _length; // the remaining length declared so far
    private int _multiplier;
    private int _bodyLeft;

    /// <summary>Packets whose last byte has gone by: 0 until the CONNECT is whole.</summary>
    public long PacketsReceived { get; private set; }

    /// <summary>The declared size of the current packet (fixed header included) as far as its header has been read: at least this.</summary>
    public long DeclaredBytes => 1 + _lengthBytes + (long)_length;

    public int Limit => PacketsReceived == 0 ? maxFirstPacketBytes : maxPacketBytes;

    /// <summary>Takes the next bytes received; anything but <see cref="MqttFrameVerdict.Ok"/> means the connection must close now.</summary>
    public MqttFrameVerdict Advance(ReadOnlySpan<byte> bytes)
    {
        var i = 0;
        while (i < bytes.Length)
        {
            switch (_part)
            {
                case Part.TypeByte:
                    // [MQTT-3.1.0-1]: the first packet must be CONNECT; anything else (an HTTP request, TLS to the plain port) goes at once.
                    if (PacketsReceived == 0 && bytes[i] != Connect) return MqttFrameVerdict.Malformed;
                    (_lengthBytes, _length, _multiplier, _part) = (0, 0, 1, Part.Length);
                    i++;
                    break;
                case Part.Length:
                    var digit = bytes[i++];
                    _length += (digit & 0x7F) * _multiplier;
                    _multiplier *= 128;
                    _lengthBytes++;
                    // Later length bytes only add: a lower bound already over the limit needs no more bytes.
                    if (DeclaredBytes > Limit) return MqttFrameVerdict.TooLarge;
                    if ((digit & 0x80) != 0)
                    {
                        if (_lengthBytes == 4) return MqttFrameVerdict.Malformed;
                    }
                    else if (_length == 0) Completed();
                    else (_bodyLeft, _part) = (_length, Part.Body);
                    break;
                default:
                    var skipped = Math.Min(_bodyLeft, bytes.Length - i);
                    i += skipped;
                    _bodyLeft -= skipped;
                    if (_bodyLeft == 0) Completed();
                    break;
            }
        }
        return MqttFrameVerdict.Ok;
    }

    private void Completed()
    {
        _part = Part.TypeByte;
        PacketsReceived++;
    }
}
