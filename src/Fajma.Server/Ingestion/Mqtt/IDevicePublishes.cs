using System.Buffers;

namespace Fajma.Server.Ingestion.Mqtt;

/// <summary>
/// Where a signed-in device's QoS 0 and 1 PUBLISHes are answered straight from its connection's reader
/// (<see cref="MqttConnectionAdapter"/>), without MQTTnet's dispatch: nothing subscribes to what devices publish, so
/// the dispatch had nothing to deliver, only its objects, its queue and its send loop's wake for each PUBACK to add.
/// </summary>
internal interface IDevicePublishes
{
    /// <param name="deviceId">The client id of a connection whose CONNECT the broker accepted (it requires client id = device id).</param>
    /// <param name="mqtt5">The connection speaks MQTT 5: a PUBACK can say "not now" (a reason code and a Retry-After).</param>
    Task<PublishAnswer> AnswerAsync(string deviceId, bool mqtt5, string topic, ReadOnlySequence<byte> payload, CancellationToken cancellationToken);
}
