using System.Text;
using System.Text.Json;

namespace Fajma.Server.Privacy;

/// <summary>
/// Every erasure, appended to <c>DATA/keys/erasures.ledger</c>: a file outside the database, so a backup of the database taken
/// before an erasure cannot bring it back — <c>fajma restore</c> re-applies the ledger to what it restored (docs/backup.md). One
/// JSON line per erasure, owner-only, never rewritten. The nodes of a cluster share <c>keys/</c>; an exclusive lock keeps their
/// appends whole.
/// </summary>
public sealed class ErasureLedger(string path)
{
    public string Path { get; } = path;

    /// <summary>What the ledger holds, and the lines it could not read (a torn or edited line: a restore must not pass over it).</summary>
    public sealed record Contents(IReadOnlyList<ErasureLedgerEntry> Entries, IReadOnlyList<int> BadLines);

    public async Task<Contents> ReadAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(Path)) return new Contents([], []);
        await using var file = await OpenAsync(new FileStreamOptions { Mode = FileMode.Open, Access = FileAccess.Read, Share = FileShare.Read }, cancellationToken);
        return Parse(file);
    }

    /// <summary>Appends the entries the ledger does not hold yet (an erasure is recorded once however often it is reported).</summary>
    public async Task AppendAsync(IReadOnlyCollection<ErasureLedgerEntry> entries, CancellationToken cancellationToken)
    {
        if (entries.Count == 0) return;
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!);
        var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        await using var file = await OpenAsync(options, cancellationToken);
        var known = Parse(file).Entries.Select(k => (k.PatientId, k.PatientCreatedAt.ToUnixTimeMilliseconds())).ToHashSet();
        var lines = new StringBuilder();
        foreach (var entry in entries.Where(e => !known.Contains((e.PatientId, e.PatientCreatedAt.ToUnixTimeMilliseconds()))).DistinctBy(e => e.PatientId))
            lines.Append(JsonSerializer.Serialize(entry, ErasureLedgerJsonContext.Default.ErasureLedgerEntry)).Append('\n');
        if (lines.Length == 0) return;
        if (file.Length > 0)
        {
            // A line torn by a crash stays a bad line of its own (reported by the restore's check), never glued to the next.
            file.Seek(-1, SeekOrigin.End);
            if (file.ReadByte() != '\n') lines.Insert(0, '\n');
        }
        file.Seek(0, SeekOrigin.End);
        await file.WriteAsync(Encoding.UTF8.GetBytes(lines.ToString()), cancellationToken);
        file.Flush(flushToDisk: true); // on disk before the erasure goes on: a crash never loses a recorded erasure
    }

    private static Contents Parse(FileStream file)
    {
        var (entries, bad, number) = (new List<ErasureLedgerEntry>(), new List<int>(), 0);
        using var reader = new StreamReader(file, Encoding.UTF8, leaveOpen: true);
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Length == 0) continue;
            try
            {
                entries.Add(JsonSerializer.Deserialize(line, ErasureLedgerJsonContext.Default.ErasureLedgerEntry) ?? throw new JsonException("null"));
            }
            catch (JsonException)
            {
                bad.Add(number);
            }
        }
        return new Contents(entries, bad);
    }

    /// <summary>The file opened under .NET's lock (flock on Unix: exclusive to append, shared to read); another node's append is waited out.</summary>
    private async Task<FileStream> OpenAsync(FileStreamOptions options, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(Path, options);
            }
            catch (IOException e) when (e is not FileNotFoundException && attempt < 100)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
            }
        }
    }
}
