using System.Text.Json;

namespace Fajma.Cli.Bench;

/// <summary>A device the generator process plays: its identity, secret and, over TLS, its certificate bundle (PEM).</summary>
internal sealed record PlannedDevice(string DeviceId, byte[] Secret, string? CertificatePem = null, string? KeyPem = null, string? CaPem = null);

/// <summary>A watching client: a doctor's or central station's token and the patients it subscribes to.</summary>
internal sealed record PlannedWatcher(string Token, IReadOnlyList<int> Patients);

/// <summary>
/// What the bench hands its load processes, in an owner-only file of the run's folder: the generator's devices (and where
/// it writes each message's send time), or the watchers (and where they write each message's first receipt).
/// </summary>
internal sealed record LoadPlan(
    string Url, string MqttHost, int MqttPort, bool Mqtt, double RateHz, string TimesFile,
    IReadOnlyList<PlannedDevice> Devices, IReadOnlyList<PlannedWatcher> Watchers)
{
    /// <summary>The first device's index in the whole fleet, when a generator process plays a share of it: each device's vitals differ.</summary>
    public int FirstIndex { get; init; }

    /// <summary>Where HTTP devices post when not <see cref="Url"/> (the server's HTTPS address, with client certificates); screens stay on <see cref="Url"/>.</summary>
    public string? DevicesUrl { get; init; }

    /// <summary>The hub protocol the screens speak: <see cref="LiveProtocols.Json"/> (a browser's default) or <see cref="LiveProtocols.MessagePack"/>.</summary>
    public string LiveProtocol { get; init; } = LiveProtocols.Json;

    public void Save(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite; // device secrets, tokens
        using var file = new FileStream(path, options);
        JsonSerializer.Serialize(file, this);
    }

    public static LoadPlan Load(string path) => JsonSerializer.Deserialize<LoadPlan>(File.ReadAllBytes(path))!;
}
