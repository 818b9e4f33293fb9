using Fajma.Cli.Commands;
using Fajma.Server;
using Fajma.Server.Privacy;
using Fajma.Server.Storage;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;

namespace Fajma.Cli.Tests;

/// <summary><c>fajma audit verify</c> on a real store: passes on the honest trail, names the first row edited behind its back.</summary>
[Collection(ConsoleOutput.Name)]
public sealed class AuditCommandTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("fajma-audit-").FullName;

    private string[] Store => [$"--Storage:DataDirectory={_data}", "--Logging:LogLevel:Default=Warning"];

    private async Task WriteTrailAsync(int entries)
    {
        await using var app = FajmaServer.Build(["--Urls=http://127.0.0.1:0", "--Mqtt:Enabled=false", .. Store]);
        await app.MigrateStoreAsync();
        await app.StartAsync();
        var audit = app.Services.GetRequiredService<AuditLog>();
        for (var i = 1; i <= entries; i++)
            await audit.RecordAsync(AuditActor.Console("test").Did(AuditActions.PatientRead, patientId: i), CancellationToken.None);
        await app.StopAsync();
    }

    private async Task<(int Exit, string Output)> VerifyAsync()
    {
        var output = new StringWriter();
        var console = AnsiConsole.Console;
        AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), ColorSystem = ColorSystemSupport.NoColors });
        try
        {
            return (await AuditCommand.Create().Parse(["verify", .. Store]).InvokeAsync(), output.ToString());
        }
        finally
        {
            AnsiConsole.Console = console;
        }
    }

    [Fact]
    public async Task VerifyPassesOnAnHonestTrailAndNamesTheFirstRowEditedInTheDatabase()
    {
        await WriteTrailAsync(5);

        var honest = await VerifyAsync();

        // Someone with direct database access drops the append-only triggers and edits entry 3.
        await using (var app = FajmaServer.Build(["--Mqtt:Enabled=false", .. Store]))
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<FajmaDbContext>();
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER audit_entries_no_update");
            await db.Database.ExecuteSqlRawAsync("UPDATE audit_entries SET patient_id = 99 WHERE id = 3");
        }
        var tampered = await VerifyAsync();

        Assert.Equal(0, honest.Exit);
        Assert.Contains("audit trail intact", honest.Output, StringComparison.Ordinal);
        Assert.Equal(1, tampered.Exit);
        Assert.Contains("audit trail broken at entry 3", tampered.Output, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
    }
}
