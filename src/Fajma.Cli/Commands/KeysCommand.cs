using System.CommandLine;
using Fajma.Server;
using Fajma.Server.Privacy;
using Fajma.Server.Storage;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace Fajma.Cli.Commands;

/// <summary><c>fajma keys rotate-master</c>: a new master key; every patient's data key is rewrapped under it and the identity columns are resealed; the vitals are untouched.</summary>
internal static class KeysCommand
{
    public static Command Create()
    {
        var rotate = new Command("rotate-master",
            "Replace the master key (keys/master.key) and rewrap every patient's data key. Run with the server stopped; resumable if interrupted.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        rotate.SetAction(async (parseResult, cancellationToken) =>
        {
            var app = FajmaServer.Build([.. parseResult.UnmatchedTokens, "--Mqtt:Enabled=false"]);
            if (!string.IsNullOrWhiteSpace(app.Services.GetRequiredService<IOptions<EncryptionOptions>>().Value.MasterKey))
            {
                AnsiConsole.MarkupLine("[red]The master key comes from configuration (Encryption:MasterKey).[/] This command rotates the file-based key only.");
                return 1;
            }
            var path = Path.Combine(app.Services.GetRequiredService<IOptions<StorageOptions>>().Value.DataDirectory, "keys", "master.key");
            var current = MasterKey.Load(null, path);
            // The next key is on disk before any data key depends on it; an interrupted rotation resumes with the same one.
            if (!File.Exists(MasterKey.NextPath(path))) MasterKey.New().WriteTo(MasterKey.NextPath(path));
            // With the next key present, starting the store seals every name, address and birth date under it.
            await app.MigrateStoreAsync(cancellationToken);

            var keys = app.Services.GetRequiredService<PatientKeys>();
            var next = app.Services.GetRequiredService<MasterKeySet>().Next!;
            var rewrapped = await keys.RewrapUnderNextAsync(cancellationToken);
            File.Move(MasterKey.NextPath(path), path, overwrite: true);
            AnsiConsole.MarkupLineInterpolated(System.Globalization.CultureInfo.InvariantCulture,
                $"[green]master key rotated[/] {current.Id} → {next.Id}: {rewrapped} patient data keys rewrapped, identity columns resealed; the old key is gone from {path}");
            return 0;
        });
        return new Command("keys", "Encryption keys (the store is chosen as for serve, e.g. --Storage:DataDirectory=data)") { rotate };
    }
}
