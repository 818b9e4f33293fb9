using System.CommandLine;
using Fajma.Server;
using Fajma.Server.Storage;

namespace Fajma.Cli.Commands;

/// <summary><c>fajma serve</c>: the server. Any ASP.NET configuration can follow, e.g. <c>--Storage:Provider=Postgres</c>.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var command = new Command("serve", "Run the server (HTTP on 127.0.0.1:5000, MQTT on 1883, SQLite under ./data). " +
            "Configuration keys may follow, e.g. --Urls=http://127.0.0.1:6000 --Mqtt:Port=1884 --Storage:Provider=Postgres --Storage:ConnectionString=...")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var app = FajmaServer.Build([.. parseResult.UnmatchedTokens]);
            await app.MigrateStoreAsync(cancellationToken);
            await app.RunAsync();
            return 0;
        });
        return command;
    }
}
