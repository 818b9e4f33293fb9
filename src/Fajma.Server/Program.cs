using Fajma.Server;
using Fajma.Server.Storage;

var app = FajmaServer.Build(args);
await app.MigrateStoreAsync();
await app.RunAsync();

/// <summary>Visible to integration tests.</summary>
public partial class Program;
