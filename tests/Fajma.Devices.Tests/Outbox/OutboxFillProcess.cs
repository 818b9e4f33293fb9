using System.Globalization;
using System.Text;
using Fajma.Devices.Outbox;

namespace Fajma.Devices.Tests.Outbox;

/// <summary>
/// The device side of the kill test, run as its own process (<c>dotnet exec Fajma.Devices.Tests.dll outbox-fill PATH N</c>):
/// enqueues N messages and prints each count once <see cref="SqliteOutbox.Enqueue"/> returned, so the test knows what
/// was committed when it kills the process.
/// </summary>
internal static class OutboxFillProcess
{
    public static int Run(string path, int count)
    {
        using var outbox = SqliteOutbox.Open(path, capacity: 1_000_000);
        var stdout = Console.Out;
        for (var i = 0; i < count; i++)
        {
            outbox.Enqueue(Key(i), Encoding.UTF8.GetBytes(Key(i)));
            stdout.WriteLine((i + 1).ToString(CultureInfo.InvariantCulture));
            stdout.Flush();
        }
        return 0;
    }

    public static string Key(int i) => "k" + i.ToString("D6", CultureInfo.InvariantCulture);
}
