using System.CommandLine;
using Fajma.Cli.Commands;

// A bench's own process is load too (its probes and their doctor), like its children (BenchChild): its idle pool workers
// sleep rather than spin on the server's cores. Read once, when the pool starts its first worker, so it is set first.
if (args is ["bench", ..] && Environment.GetEnvironmentVariable("DOTNET_ThreadPool_UnfairSemaphoreSpinLimit") is null)
    AppContext.SetData("System.Threading.ThreadPool.UnfairSemaphoreSpinLimit", 0);

var root = new RootCommand("Fajma — telemedicine with live medical IoT")
{
    ServeCommand.Create(),
    DemoCommand.Create(),
    SimulateCommand.Create(),
    BenchCommand.Create(),
    AuditCommand.Create(),
    DevicesCommand.Create(),
    KeysCommand.Create(),
    BrokerCommand.Create(),
    BackupCommand.Create(),
    BackupCommand.CreateRestore(),
};
return await root.Parse(args).InvokeAsync();
