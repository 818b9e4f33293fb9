using Spectre.Console;

namespace Fajma.Cli.Tests;

/// <summary>
/// The commands write to Spectre's one global console: tests that read what a command printed swap it, so they run one at a
/// time (this collection), never beside another swapper.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ConsoleOutput
{
    public const string Name = "console output";

    /// <summary>Runs <paramref name="command"/> with the console captured: its exit code and everything it printed, errors included.</summary>
    public static async Task<(int Exit, string Output)> CaptureAsync(Func<Task<int>> command)
    {
        var buffer = new StringWriter();
        var output = TextWriter.Synchronized(buffer);
        var console = AnsiConsole.Console;
        var errors = Console.Error;
        Console.SetError(output);
        AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output), ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No,
        });
        AnsiConsole.Console.Profile.Width = 400; // no wrapped lines for the assertions to miss
        try
        {
            return (await command(), buffer.ToString());
        }
        finally
        {
            AnsiConsole.Console = console;
            Console.SetError(errors);
        }
    }
}
