namespace Fajma.Cli.Bench;

/// <summary>The monitoring hub's protocols a bench's screens can speak (<c>--live-protocol</c>), as SignalR names them.</summary>
internal static class LiveProtocols
{
    public const string Json = "json";
    public const string MessagePack = "messagepack";

    public static readonly string[] All = [Json, MessagePack];
}
