using System.Text.Json;

namespace Fajma.Cli.Simulation;

/// <summary>
/// The devices <c>fajma simulate --outbox DIR</c> registered, kept beside their outboxes (<c>fleet.json</c>, owner-only):
/// a device keeps its identity and secret across restarts, so a second run resumes the same devices — and sends what
/// the first left queued — instead of registering new ones.
/// </summary>
internal static class FleetFile
{
    public sealed record Entry(string DeviceId, int PatientId, string Secret, bool Mqtt);

    private static string PathIn(string directory) => Path.Combine(directory, "fleet.json");

    public static IReadOnlyList<Entry>? Load(string directory)
    {
        var path = PathIn(directory);
        return File.Exists(path) ? JsonSerializer.Deserialize<List<Entry>>(File.ReadAllBytes(path)) : null;
    }

    public static void Save(string directory, IEnumerable<Entry> entries)
    {
        Directory.CreateDirectory(directory);
        var path = PathIn(directory);
        var temporary = path + ".tmp";
        // The secrets sign readings: readable by the device's own account only, written whole or not at all.
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var file = new FileStream(temporary, options))
        {
            JsonSerializer.Serialize(file, entries.ToList());
            file.Flush(flushToDisk: true);
        }
        File.Move(temporary, path, overwrite: true);
    }
}
