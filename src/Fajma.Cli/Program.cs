using System.CommandLine;
using Fajma.Cli.Bench;
using Fajma.Cli.Commands;

if (args is ["bench", ..]) LoadProcess.SleepIdleWorkersHere(); // a bench's own process is load too: first, before the pool starts

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
