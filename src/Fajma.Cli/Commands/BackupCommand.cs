using System.CommandLine;
using System.Globalization;
using Fajma.Server;
using Fajma.Server.Privacy;
using Fajma.Server.Records;
using Fajma.Server.Storage;
using Fajma.Server.Storage.Backup;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace Fajma.Cli.Commands;

/// <summary>
/// <c>fajma backup keygen | backup --out | restore --from</c>: sealed archives of the whole store (docs/backup.md). The store is
/// chosen as for serve (e.g. --Storage:DataDirectory=data); the backup key is a file of its own, never inside an archive.
/// </summary>
internal static class BackupCommand
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private static Option<FileInfo> KeyOption() => new("--key") { Description = "The backup key file (fajma backup keygen)", Required = true };

    public static Command Create()
    {
        var keygenKey = new Option<FileInfo>("--key") { Description = "Where to write the new backup key (a new file, owner-only)", Required = true };
        var keygen = new Command("keygen", "Create a backup key. Keep it away from the archives and from the master key.") { keygenKey };
        keygen.SetAction(parseResult => Guarded(() =>
        {
            var key = BackupKey.New();
            key.WriteTo(parseResult.GetValue(keygenKey)!.FullName);
            AnsiConsole.MarkupLineInterpolated(Invariant, $"[green]backup key {key.Id}[/] written to {parseResult.GetValue(keygenKey)!.FullName} (owner read/write only)");
            return Task.FromResult(0);
        }));

        var output = new Option<FileInfo>("--out") { Description = "The archive to write (a new file)" };
        var key = KeyOption();
        var backup = new Command("backup", "Write a sealed archive of the store; safe while the server runs") { keygen, output, key };
        backup.TreatUnmatchedTokensAsErrors = false;
        backup.Validators.Add(r =>
        {
            if (r.GetValue(output) is null) r.AddError("--out is required: the archive to write");
            if (r.GetValue(key) is null) r.AddError("--key is required: the backup key file");
        });
        backup.SetAction((parseResult, ct) => Guarded(async () =>
        {
            var backupKey = BackupKey.Load(parseResult.GetValue(key)!.FullName);
            var archive = parseResult.GetValue(output)!.FullName;
            await using var app = FajmaServer.Build([.. parseResult.UnmatchedTokens, "--Mqtt:Enabled=false"]);
            var header = await WithProgressAsync("sealing", p => app.Services.GetRequiredService<StoreBackup>().CreateAsync(archive, backupKey, p, ct));
            await WithAuditAsync(app, () => app.Services.GetRequiredService<AuditLog>().RecordAsync(AuditActor.Console("fajma backup").Did(AuditActions.StoreBackedUp,
                target: Path.GetFileName(archive), detail: $"backup key {backupKey.Id}, schema {header.Migration}"), ct));
            AnsiConsole.MarkupLineInterpolated(Invariant,
                $"[green]backup written[/]: {archive} ({new FileInfo(archive).Length:N0} bytes), {header.Store} store at {header.Migration}, sealed with backup key {backupKey.Id}");
            AnsiConsole.MarkupLineInterpolated(Invariant,
                $"Reading its sealed values after a restore also takes master key {(header.MasterKeyIds.Count == 0 ? "(none in use)" : string.Join(", ", header.MasterKeyIds))}: keep both keys apart from the archive.");
            return 0;
        }));
        return backup;
    }

    public static Command CreateRestore()
    {
        var from = new Option<FileInfo>("--from") { Description = "The archive to restore", Required = true };
        var key = KeyOption();
        var force = new Option<bool>("--force") { Description = "Replace everything in a store that is not empty" };
        var restore = new Command("restore", "Restore an archive into a fresh store (the server stopped), then check it") { from, key, force };
        restore.TreatUnmatchedTokensAsErrors = false;
        restore.SetAction((parseResult, ct) => Guarded(async () =>
        {
            var backupKey = BackupKey.Load(parseResult.GetValue(key)!.FullName);
            var archive = parseResult.GetValue(from)!.FullName;
            await using var app = FajmaServer.Build([.. parseResult.UnmatchedTokens, "--Mqtt:Enabled=false"]);
            var header = await StoreBackup.ReadHeaderAsync(archive, ct);
            if (!CheckMasterKey(app, header)) return 1;
            await WithProgressAsync("verifying, then restoring", p => app.Services.GetRequiredService<StoreBackup>()
                .RestoreAsync(archive, backupKey, parseResult.GetValue(force), p, ct));
            await app.MigrateStoreAsync(ct);
            var actor = AuditActor.Console("fajma restore");
            RestoreReport report = null!;
            IReadOnlyList<LedgerErasure> erasures = [];
            await WithAuditAsync(app, async () =>
            {
                // Erasures made after the archive was taken are made again before anything is declared ready.
                erasures = await app.Services.GetRequiredService<Erasure>().ReapplyAsync(actor, ct);
                report = await app.Services.GetRequiredService<RestoreCheck>().RunAsync(ct);
                await app.Services.GetRequiredService<AuditLog>().RecordAsync(actor.Did(AuditActions.StoreRestored, target: Path.GetFileName(archive),
                    detail: $"made {header.CreatedAt:O} at {header.Migration}; {erasures.Count(e => e.Outcome == LedgerErasure.Reapplied)} erasures re-applied; checks {(report.Passed ? "passed" : "failed")}"), ct);
            });
            Print(header, report, erasures, app.Services.GetRequiredService<ErasureLedger>().Path);
            return report.Passed ? 0 : 2;
        }));
        return restore;
    }

    /// <summary>Refuses before anything is written when the archive's values need a master key and none is configured (the server would make a new one).</summary>
    private static bool CheckMasterKey(WebApplication app, BackupHeader header)
    {
        var configured = app.Services.GetRequiredService<IOptions<EncryptionOptions>>().Value.MasterKey;
        var path = Path.Combine(app.Services.GetRequiredService<IOptions<StorageOptions>>().Value.DataDirectory, "keys", "master.key");
        if (header.MasterKeyIds.Count > 0 && string.IsNullOrWhiteSpace(configured) && !File.Exists(path))
        {
            AnsiConsole.MarkupLineInterpolated(Invariant,
                $"[red]no master key[/]: the archive's sealed values are under master key {string.Join(", ", header.MasterKeyIds)}. Put it at {path} (or set Encryption:MasterKey) first; nothing was written.");
            return false;
        }
        var masters = app.Services.GetRequiredService<MasterKeySet>();
        var missing = header.MasterKeyIds.Where(id => masters.Find(id) is null).ToList();
        if (missing.Count > 0)
            AnsiConsole.MarkupLineInterpolated(Invariant,
                $"[yellow]the configured master key {masters.Current.Id} is not the archive's {string.Join(", ", missing)}[/]: its sealed values will not open.");
        return true;
    }

    private static void Print(BackupHeader header, RestoreReport report, IReadOnlyList<LedgerErasure> erasures, string ledger)
    {
        var table = new Table().AddColumns("check", "result");
        table.AddRow("archive", Markup.Escape($"{header.Store} store, made {header.CreatedAt:u} at {header.Migration}"));
        table.AddRow("migrations", report.PendingMigrations.Count == 0 ? "[green]all applied[/]" : Markup.Escape($"pending: {string.Join(", ", report.PendingMigrations)}"));
        table.AddRow("audit chain", report.AuditBreak is { } broken
            ? Markup.Escape($"broken at entry {broken.Id}: {broken.Problem}")
            : Markup.Escape($"intact: {report.AuditEntries} entries, head {report.AuditHead}"));
        table.AddRow("sealed values", report.Unreadable.Count == 0
            ? Markup.Escape($"readable: {report.DataKeys} data keys unwrapped, {report.ObservationsOpened} observations opened")
            : Markup.Escape($"UNREADABLE for {report.Unreadable.Count} of {report.DataKeys} data keys"));
        var reapplied = erasures.Count(e => e.Outcome == LedgerErasure.Reapplied);
        table.AddRow("erasures", report.ErasuresNotHeld.Count == 0
            ? Markup.Escape($"held: {report.LedgerErasures} in the ledger, {reapplied} re-applied to this archive")
            : Markup.Escape($"NOT HELD: {report.ErasuresNotHeld.Count} problems"));
        AnsiConsole.Write(table);
        if (report.LedgerErasures == 0)
            AnsiConsole.MarkupLineInterpolated(Invariant, $"  [yellow]no erasure ledger at {ledger}[/]: if this server ever erased a patient, put its keys/erasures.ledger there and restore again.");
        foreach (var erasure in erasures.Where(e => e.Outcome != LedgerErasure.NotInStore))
            AnsiConsole.MarkupLineInterpolated(Invariant, $"  patient {erasure.PatientId} (erased {erasure.ErasedAt:u}): {erasure.Outcome}");
        foreach (var problem in report.ErasuresNotHeld.Take(20))
            AnsiConsole.MarkupLineInterpolated(Invariant, $"  [red]{problem}[/]");
        foreach (var (patientId, problem) in report.Unreadable.Take(20))
            AnsiConsole.MarkupLineInterpolated(Invariant, $"  [red]patient {patientId}[/]: {problem}");
        AnsiConsole.MarkupLine(report.Passed ? "[green]restore checked: the store is ready[/]" : "[red]restore done, but the checks above failed[/]");
    }

    private static async Task<T> WithProgressAsync<T>(string what, Func<IProgress<long>, Task<T>> run) =>
        await AnsiConsole.Progress().Columns(new TaskDescriptionColumn(), new SpinnerColumn(), new DownloadedColumn(), new ElapsedTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask(what).IsIndeterminate();
                var result = await run(new Progress<long>(bytes => task.Value = task.MaxValue = bytes));
                task.StopTask();
                return result;
            });

    /// <summary>Backups and restores are audited: the audit writer runs while <paramref name="run"/> does (the host itself is not started).</summary>
    private static async Task WithAuditAsync(WebApplication app, Func<Task> run)
    {
        var audit = app.Services.GetRequiredService<AuditLog>();
        await audit.StartAsync(CancellationToken.None);
        try
        {
            await run();
        }
        finally
        {
            await audit.StopAsync(CancellationToken.None);
        }
    }

    private static async Task<int> Guarded(Func<Task<int>> run)
    {
        try
        {
            return await run();
        }
        catch (BackupException e)
        {
            AnsiConsole.MarkupLineInterpolated(Invariant, $"[red]refused[/]: {e.Message}");
            return 1;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Anything else on the same console as the rest of the report (not stderr alone), so a log or a test shows why.
            AnsiConsole.MarkupLineInterpolated(Invariant, $"[red]failed[/]: {e.GetType().Name}: {e.Message}");
            AnsiConsole.WriteException(e, ExceptionFormats.ShortenEverything);
            return 1;
        }
    }
}
