using System.CommandLine;
using Fajma.Server;
using Fajma.Server.Privacy;
using Fajma.Server.Storage;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;

namespace Fajma.Cli.Commands;

/// <summary><c>fajma audit verify</c>: walks the hash chain of the audit trail and names the first edited or deleted entry.</summary>
internal static class AuditCommand
{
    public static Command Create()
    {
        var verify = new Command("verify", "Check that no audit entry was edited or deleted. The store is chosen as for serve, e.g. --Storage:DataDirectory=data")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        verify.SetAction(async (parseResult, cancellationToken) =>
        {
            var app = FajmaServer.Build([.. parseResult.UnmatchedTokens, "--Mqtt:Enabled=false"]);
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<FajmaDbContext>();
            var count = 0L;
            var entries = db.AuditEntries.AsNoTracking().OrderBy(e => e.Id).AsAsyncEnumerable();
            var all = new List<AuditEntry>();
            await foreach (var entry in entries.WithCancellation(cancellationToken))
            {
                all.Add(entry);
                count++;
            }
            if (AuditChain.FirstBreak(all) is { } broken)
            {
                AnsiConsole.MarkupLineInterpolated(System.Globalization.CultureInfo.InvariantCulture, $"[red]audit trail broken at entry {broken.Id}[/]: {broken.Problem}");
                return 1;
            }
            var head = all.Count == 0 ? AuditChain.Genesis : all[^1].Hash;
            AnsiConsole.MarkupLineInterpolated(System.Globalization.CultureInfo.InvariantCulture, $"[green]audit trail intact[/]: {count} entries, head {head}");
            AnsiConsole.WriteLine("Keep the head hash somewhere else: it also proves that no entry was removed from the end.");
            return 0;
        });
        return new Command("audit", "The audit trail") { verify };
    }
}
