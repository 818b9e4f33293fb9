using Fajma.Server;
using Fajma.Server.Platform;
using Fajma.Server.Storage;

var app = FajmaServer.Build(args);
if (!BuildTimeDocument.IsGenerating) await app.MigrateStoreAsync();
await app.RunAsync();

/// <summary>Visible to integration tests.</summary>
public partial class Program;
