using System.Globalization;

namespace Fajma.Cli.Bench;

/// <summary>A throw-away Debian Mosquitto on 127.0.0.1 (scripts/mosquitto.sh), the reference broker of <c>bench ingest --compare-mosquitto</c>.</summary>
internal sealed class MosquittoBroker : IAsyncDisposable
{
    private readonly string _directory;

    private MosquittoBroker(string directory, int port, int processId) => (_directory, Port, ProcessId) = (directory, port, processId);

    public int Port { get; }

    public int ProcessId { get; }

    public static async Task<MosquittoBroker> StartAsync(string runDirectory, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(runDirectory, "mosquitto");
        var (port, _) = await BenchScripts.StartOnFreePortAsync("mosquitto.sh", directory, cancellationToken);
        var pid = int.Parse((await File.ReadAllTextAsync(Path.Combine(directory, "mosquitto.pid"), cancellationToken)).Trim(), CultureInfo.InvariantCulture);
        return new MosquittoBroker(directory, port, pid);
    }

    public async ValueTask DisposeAsync() => await BenchScripts.RunAsync("mosquitto.sh", ["stop", _directory]);
}
