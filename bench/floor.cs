#:sdk Microsoft.NET.Sdk.Web
#:property ServerGarbageCollection=true
#:property PublishAot=false
// The floor under Fajma's CPU per reading on this machine: what a server spends per device message when it does nothing
// but answer it, at the bench's load, with the same generator for each. MQTT: Debian's Mosquitto, a .NET server over raw
// sockets (one async read loop per connection reading whatever has arrived, the PUBACK written by that loop: the least any
// .NET design here does), the same with the runtime's inline socket completions (each continuation run on the thread that
// polls the sockets: no hand-off to the pool), and the same answers on Kestrel's transport. HTTP and HTTPS (TLS 1.3, a P-256 certificate made for
// the run): Kestrel's minimal API reading the body and answering 202. Each server runs in a process of its own, this
// process is the load generator; CPU per message = the server's CPU ÷ messages answered in the measured span.
//   dotnet run -c Release bench/floor.cs -- [--devices 1000] [--rate 2] [--http-devices 200] [--http-rate 10]
//     [--warmup 10] [--duration 30] [--only mqtt|http|https]
// bench/README.md; docs/performance.md, issue 15, twenty-fourth session.
using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.AspNetCore.Connections;

if (args is ["serve", var kind, var portText, ..])
{
    var port = int.Parse(portText, System.Globalization.CultureInfo.InvariantCulture);
    await (kind switch
    {
        "dotnet-mqtt" or "dotnet-mqtt-inline" => Floor.ServeMqttAsync(port),
        "kestrel-mqtt" => Floor.ServeKestrelMqttAsync(port),
        _ => Floor.ServeHttpAsync(port, kind == "kestrel-https" ? args[3] : null),
    });
    return;
}
var options = Floor.Options(args);
var rows = new List<string>();
foreach (var server in new[] { "mosquitto", "dotnet-mqtt", "dotnet-mqtt-inline", "kestrel-mqtt", "kestrel-http", "kestrel-https" })
{
    if (options.TryGetValue("only", out var only) && !server.Contains(only, StringComparison.Ordinal)) continue;
    var http = server.Contains("http", StringComparison.Ordinal);
    var devices = (int)options.GetValueOrDefault(http ? "http-devices" : "devices", http ? "200" : "1000").AsDouble();
    var rate = options.GetValueOrDefault(http ? "http-rate" : "rate", http ? "10" : "2").AsDouble();
    rows.Add(await Floor.MeasureAsync(server, devices, rate, options.GetValueOrDefault("warmup", "10").AsDouble(),
        options.GetValueOrDefault("duration", "30").AsDouble()));
}
Console.WriteLine();
Console.WriteLine("| server | devices × rate | offered | answered | p50 / p95 / p99 | server CPU | **CPU per message** | generator CPU |");
Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- |");
foreach (var row in rows) Console.WriteLine(row);

internal static class Floor
{
    private static readonly byte[] s_payload = Encoding.UTF8.GetBytes(
        """{"device_id":"esp32-floor-0001","timestamp":1733560000000,"heart_rate":72.4,"spo2":97.1,"temperature":36.8,"signature":"9f2c8e1d4b7a6c5e3f0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6a"}""");

    public static Dictionary<string, string> Options(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2) options[args[i].TrimStart('-')] = args[i + 1];
        return options;
    }

    public static double AsDouble(this string text) => double.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    public static async Task<string> MeasureAsync(string server, int devices, double rate, double warmup, double duration)
    {
        var port = FreePort();
        var http = server.Contains("http", StringComparison.Ordinal);
        using var process = Start(server, port, out var scratch);
        try
        {
            await WaitForPortAsync(port);
            var load = new Load();
            using var stop = new CancellationTokenSource();
            var period = TimeSpan.FromSeconds(1 / rate);
            var fleet = Enumerable.Range(0, devices).Select(i => http
                ? HttpDeviceAsync(server.EndsWith('s') ? "https" : "http", port, period * (i % 1000) / 1000, period, load, stop.Token)
                : MqttDeviceAsync(i, port, period * (i % 1000) / 1000, period, load, stop.Token)).ToList();
            await Task.Delay(TimeSpan.FromSeconds(warmup));
            var (serverStart, selfStart, answeredStart) =
                (process.TotalProcessorTime, Process.GetCurrentProcess().TotalProcessorTime, load.Answered);
            load.Measuring = true;
            var clock = Stopwatch.StartNew();
            await Task.Delay(TimeSpan.FromSeconds(duration));
            load.Measuring = false;
            process.Refresh();
            var seconds = clock.Elapsed.TotalSeconds;
            var serverCpu = (process.TotalProcessorTime - serverStart).TotalSeconds;
            var selfCpu = (Process.GetCurrentProcess().TotalProcessorTime - selfStart).TotalSeconds;
            var answered = load.Answered - answeredStart;
            await stop.CancelAsync();
            await Task.WhenAll(fleet.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
            var (p50, p95, p99) = load.Percentiles();
            var row = $"| {server} | {devices} × {rate:0.##} Hz | {devices * rate:N0}/s | {answered / seconds:N0}/s " +
                $"| {p50:F1} / {p95:F1} / {p99:F1} ms | {serverCpu / seconds:F2} | **{serverCpu / answered * 1e6:F0} µs** | {selfCpu / seconds:F2} |";
            Console.WriteLine(row);
            return row;
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            if (scratch is not null) Directory.Delete(scratch, recursive: true);
        }
    }

    private static Process Start(string server, int port, out string? scratch)
    {
        scratch = null;
        ProcessStartInfo start;
        if (server == "mosquitto")
        {
            scratch = Directory.CreateTempSubdirectory("fajma-floor-").FullName;
            var config = Path.Combine(scratch, "mosquitto.conf");
            // Started as root, Debian's Mosquitto would switch to its own user, which cannot read this folder.
            File.WriteAllText(config, $"listener {port} 127.0.0.1\nallow_anonymous true\npersistence false\nlog_dest none\nuser root\n");
            start = new ProcessStartInfo("mosquitto", ["-c", config]);
        }
        else
        {
            // This program again, as the server: its own process, on the same runtime settings.
            var self = Environment.ProcessPath!;
            List<string> arguments = Path.GetFileNameWithoutExtension(self) == "dotnet" ? [typeof(Floor).Assembly.Location] : [];
            arguments.AddRange(["serve", server, port.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            if (server.EndsWith('s'))
            {
                scratch = Directory.CreateTempSubdirectory("fajma-floor-").FullName;
                var pfx = Path.Combine(scratch, "server.pfx");
                File.WriteAllBytes(pfx, s_certificate.Export(X509ContentType.Pfx));
                arguments.Add(pfx);
            }
            start = new ProcessStartInfo(self, arguments);
            // The runtime's switch to run socket continuations on its polling thread instead of handing each to the pool.
            if (server.EndsWith("-inline", StringComparison.Ordinal)) start.Environment["DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS"] = "1";
        }
        start.RedirectStandardOutput = start.RedirectStandardError = true;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"{server}: {e.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static async Task WaitForPortAsync(int port)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (attempt < 100)
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>What the generator saw: answers counted always, their round trips only while measuring.</summary>
    private sealed class Load
    {
        private readonly List<double> _milliseconds = [];
        private long _answered;

        public volatile bool Measuring;

        public long Answered => Interlocked.Read(ref _answered);

        public void Answer(long sentAt)
        {
            Interlocked.Increment(ref _answered);
            if (!Measuring) return;
            var ms = Stopwatch.GetElapsedTime(sentAt).TotalMilliseconds;
            lock (_milliseconds) _milliseconds.Add(ms);
        }

        public (double, double, double) Percentiles()
        {
            lock (_milliseconds)
            {
                if (_milliseconds.Count == 0) return (0, 0, 0);
                _milliseconds.Sort();
                double At(double q) => _milliseconds[Math.Min(_milliseconds.Count - 1, (int)(q * _milliseconds.Count))];
                return (At(0.50), At(0.95), At(0.99));
            }
        }
    }

    /// <summary>Waits for each tick of a device's period, from its place in the period; ticks it overran are skipped.</summary>
    private static async Task EveryTickAsync(TimeSpan place, TimeSpan period, Func<Task> tick, CancellationToken stop)
    {
        var next = Stopwatch.GetTimestamp() + (long)(place.TotalSeconds * Stopwatch.Frequency);
        var step = (long)(period.TotalSeconds * Stopwatch.Frequency);
        while (!stop.IsCancellationRequested)
        {
            var wait = next - Stopwatch.GetTimestamp();
            if (wait > 0) await Task.Delay(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency), stop);
            await tick();
            next += step;
            if (next < Stopwatch.GetTimestamp()) next += (Stopwatch.GetTimestamp() - next) / step * step + step;
        }
    }

    // MQTT 5, by hand: CONNECT (clean start, keep-alive 60 s), PUBLISH at QoS 1 and its PUBACK; no properties.
    private static async Task MqttDeviceAsync(int index, int port, TimeSpan place, TimeSpan period, Load load, CancellationToken stop)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(IPAddress.Loopback, port, stop);
        var clientId = Encoding.ASCII.GetBytes($"floor-{index:D5}");
        await socket.SendAsync(Packet(0x10, [0, 4, (byte)'M', (byte)'Q', (byte)'T', (byte)'T', 5, 0x02, 0, 60, 0, 0, (byte)clientId.Length, .. clientId]), SocketFlags.None, stop);
        var buffer = new byte[256];
        await ReadPacketAsync(socket, buffer, stop); // CONNACK
        var topic = Encoding.ASCII.GetBytes($"fajma/sensors/floor-{index:D5}");
        var publish = Packet(0x32, [0, (byte)topic.Length, .. topic, 0, 0, 0, .. s_payload]); // QoS 1; packet id, then no properties
        var idAt = publish.Length - s_payload.Length - 3;
        ushort packetId = 0;
        await EveryTickAsync(place, period, async () =>
        {
            packetId = (ushort)(packetId % ushort.MaxValue + 1);
            (publish[idAt], publish[idAt + 1]) = ((byte)(packetId >> 8), (byte)packetId);
            var sentAt = Stopwatch.GetTimestamp();
            await socket.SendAsync(publish, SocketFlags.None, stop);
            while (await ReadPacketAsync(socket, buffer, stop) != 0x40) { } // anything before the PUBACK is not ours to answer
            load.Answer(sentAt);
        }, stop);
    }

    /// <summary>A packet: its first byte, its remaining length (MQTT's variable-length integer), its body.</summary>
    private static byte[] Packet(byte first, byte[] body)
    {
        var packet = new List<byte>(body.Length + 5) { first };
        var length = body.Length;
        do
        {
            packet.Add((byte)(length % 128 | (length >= 128 ? 0x80 : 0)));
            length /= 128;
        }
        while (length > 0);
        packet.AddRange(body);
        return [.. packet];
    }

    /// <summary>Reads one whole packet into <paramref name="buffer"/>; its type byte.</summary>
    private static async Task<byte> ReadPacketAsync(Socket socket, byte[] buffer, CancellationToken stop)
    {
        await ReadExactlyAsync(socket, buffer.AsMemory(0, 2), stop);
        int length = buffer[1] & 0x7F, shift = 7, at = 1;
        while ((buffer[at] & 0x80) != 0)
        {
            await ReadExactlyAsync(socket, buffer.AsMemory(++at, 1), stop);
            length |= (buffer[at] & 0x7F) << shift;
            shift += 7;
        }
        await ReadExactlyAsync(socket, buffer.AsMemory(at + 1, length), stop);
        return (byte)(buffer[0] & 0xF0);
    }

    private static async Task ReadExactlyAsync(Socket socket, Memory<byte> into, CancellationToken stop)
    {
        while (!into.IsEmpty)
        {
            var read = await socket.ReceiveAsync(into, SocketFlags.None, stop);
            if (read == 0) throw new IOException("the server closed the connection");
            into = into[read..];
        }
    }

    /// <summary>The HTTPS server's certificate, made for this run: the generator trusts it and nothing else.</summary>
    private static readonly X509Certificate2 s_certificate = SelfSigned();

    private static readonly HttpClient s_http = new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = int.MaxValue,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null && certificate.GetCertHashString() == s_certificate.Thumbprint },
    });

    private static Task HttpDeviceAsync(string scheme, int port, TimeSpan place, TimeSpan period, Load load, CancellationToken stop) =>
        EveryTickAsync(place, period, async () =>
        {
            var sentAt = Stopwatch.GetTimestamp();
            using var content = new ByteArrayContent(s_payload);
            content.Headers.ContentType = new("application/json");
            using var response = await s_http.PostAsync(new Uri($"{scheme}://127.0.0.1:{port}/api/v1/ingest"), content, stop);
            await response.Content.ReadAsByteArrayAsync(stop);
            if (response.StatusCode == HttpStatusCode.Accepted) load.Answer(sentAt);
        }, stop);

    /// <summary>One async read loop per connection: CONNACK, PUBACK at QoS 1, PINGRESP, SUBACK; nothing stored, nothing relayed.</summary>
    public static async Task ServeMqttAsync(int port)
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, port));
        listener.Listen(4096);
        while (true)
        {
            var socket = await listener.AcceptAsync();
            socket.NoDelay = true;
            _ = AnswerAsync(socket);
        }
    }

    private static async Task AnswerAsync(Socket socket)
    {
        var buffer = new byte[4096];
        var reply = new byte[8];
        var filled = 0;
        try
        {
            while (true)
            {
                // One receive for whatever has arrived, then every whole packet in it: one system call per burst.
                var read = await socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None);
                if (read == 0) return;
                filled += read;
                var at = 0;
                while (WholePacket(buffer.AsSpan(at, filled - at)) is var length and > 0)
                {
                    var answer = Answer(buffer.AsSpan(at, length), reply);
                    if (answer < 0) return;
                    if (answer > 0) await socket.SendAsync(reply.AsMemory(0, answer), SocketFlags.None);
                    at += length;
                }
                buffer.AsSpan(at, filled - at).CopyTo(buffer);
                filled -= at;
            }
        }
        catch (Exception e) when (e is IOException or SocketException)
        {
            // The device went away.
        }
        finally
        {
            socket.Dispose();
        }
    }

    /// <summary>The length of the whole packet at the start of <paramref name="data"/>, or 0 if it has not all arrived.</summary>
    private static int WholePacket(ReadOnlySpan<byte> data) => PacketLength(data) is var length and > 0 && length <= data.Length ? length : 0;

    /// <summary>A packet's whole length from its fixed header (the first five bytes at most), or 0 if the header is not all there.</summary>
    private static int PacketLength(ReadOnlySpan<byte> header)
    {
        int length = 0, shift = 0, at = 1;
        for (; ; at++, shift += 7)
        {
            if (at >= header.Length) return 0;
            length |= (header[at] & 0x7F) << shift;
            if ((header[at] & 0x80) == 0) return at + 1 + length;
        }
    }

    /// <summary>The same answers on Kestrel's own connection handling (its socket transport and pipes), no HTTP on top.</summary>
    public static async Task ServeKestrelMqttAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port, listen => listen.Run(async connection =>
        {
            var (input, output) = (connection.Transport.Input, connection.Transport.Output);
            var reply = new byte[8];
            while (true)
            {
                var read = await input.ReadAsync();
                var data = read.Buffer;
                if (AnswerAll(ref data, output, reply) < 0) return;
                input.AdvanceTo(data.Start, read.Buffer.End);
                await output.FlushAsync();
                if (read.IsCompleted) return;
            }
        })));
        await builder.Build().RunAsync();
    }

    /// <summary>Answers every whole packet at the start of <paramref name="data"/> into <paramref name="output"/>; −1 to close.</summary>
    private static int AnswerAll(ref ReadOnlySequence<byte> data, System.IO.Pipelines.PipeWriter output, byte[] reply)
    {
        Span<byte> header = stackalloc byte[5];
        while (true)
        {
            var seen = header[..(int)Math.Min(data.Length, header.Length)];
            data.Slice(0, seen.Length).CopyTo(seen);
            if (PacketLength(seen) is not (var length and > 0) || data.Length < length) return 0;
            var packet = data.Slice(0, length);
            var answer = Answer(packet.IsSingleSegment ? packet.FirstSpan : packet.ToArray(), reply);
            if (answer < 0) return -1;
            if (answer > 0) output.Write(reply.AsSpan(0, answer));
            data = data.Slice(length);
        }
    }

    /// <summary>CONNACK, PUBACK at QoS 1, SUBACK, PINGRESP written into <paramref name="reply"/>: its length; −1 to close.</summary>
    private static int Answer(ReadOnlySpan<byte> packet, byte[] reply)
    {
        var bodyAt = 2;
        while ((packet[bodyAt - 1] & 0x80) != 0) bodyAt++;
        return (packet[0] & 0xF0) switch
        {
            0x10 => Fill(reply, 0x20, 3, 0, 0, 0),                                         // CONNACK, success, no properties
            0x30 when (packet[0] & 0x06) == 0x02 => PubAck(reply, packet, bodyAt),
            0x80 => Fill(reply, 0x90, 4, packet[bodyAt], packet[bodyAt + 1], 0, 0x01),     // SUBACK, QoS 1 granted
            0xC0 => Fill(reply, 0xD0, 0),                                                  // PINGRESP
            0xE0 => -1,                                                                    // DISCONNECT
            _ => 0,
        };
    }

    private static int PubAck(byte[] reply, ReadOnlySpan<byte> packet, int bodyAt)
    {
        var idAt = bodyAt + 2 + (packet[bodyAt] << 8 | packet[bodyAt + 1]);
        return Fill(reply, 0x40, 2, packet[idAt], packet[idAt + 1]); // reason code left out: success
    }

    private static int Fill(byte[] reply, params ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(reply);
        return bytes.Length;
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }

    private static readonly byte[] s_receipt = Encoding.UTF8.GetBytes("""{"status":"stored"}""");

    /// <summary>Kestrel's minimal API: the body read to its end, a 202 with a short JSON receipt; no logging, no middleware.</summary>
    public static async Task ServeHttpAsync(int port, string? certificate)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port, listen =>
        {
            if (certificate is not null) listen.UseHttps(X509CertificateLoader.LoadPkcs12FromFile(certificate, null)); // HTTP/1.1, keep-alive
        }));
        var app = builder.Build();
        app.MapPost("/api/v1/ingest", static async (HttpContext context) =>
        {
            var body = context.Request.BodyReader;
            while (true)
            {
                var read = await body.ReadAsync();
                body.AdvanceTo(read.Buffer.End);
                if (read.IsCompleted) break;
            }
            context.Response.StatusCode = StatusCodes.Status202Accepted;
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(s_receipt);
        });
        await app.RunAsync();
    }
}
