using Fajma.Devices.Tests.Outbox;

namespace Fajma.Devices.Tests;

/// <summary>
/// The test assembly is an executable (Microsoft.NET.Test.Sdk); its own entry point lets a test start this same assembly
/// as a device process and kill it, with no separate program to build. The test runner never calls it.
/// </summary>
internal static class Program
{
    public static int Main(string[] args) => args switch
    {
        ["outbox-fill", var path, var count] => OutboxFillProcess.Run(path, int.Parse(count, System.Globalization.CultureInfo.InvariantCulture)),
        ["outbox-forward", var path, var url] => OutboxForwardProcess.Run(path, new Uri(url)),
        _ => 0,
    };
}
