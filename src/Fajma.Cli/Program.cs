using System.CommandLine;
using Fajma.Cli.Commands;

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
