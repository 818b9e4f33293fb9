using SharpFuzz;

namespace Fajma.Fuzz;

/// <summary>
/// <c>fajma-fuzz TARGET INPUT</c> under afl-fuzz, INPUT being AFL's <c>@@</c> (scripts/fuzz.sh), or
/// <c>fajma-fuzz replay TARGET FILE…</c> to run inputs once in-process (a corpus, or a crash AFL saved, to debug it).
/// </summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        switch (args)
        {
            case [var name, var input] when FuzzTargets.All.TryGetValue(name, out var target):
                // The input is read from AFL's file (@@) when AFL asks for the run. SharpFuzz's worker process copies
                // stdin once at its own start, which on a busy machine can come before AFL has written its first input:
                // the dry run then sees no bytes, and a target that parses nothing instrumented before refusing them
                // (canonical-json) records no coverage, so AFL aborts ("No instrumentation detected").
                Fuzzer.OutOfProcess.Run(_ => target(File.ReadAllBytes(input)));
                return 0;
            case ["replay", var name, .. var files] when FuzzTargets.All.TryGetValue(name, out var target):
                foreach (var file in files) target(File.ReadAllBytes(file));
                Console.WriteLine($"{files.Length} inputs replayed through {name}: no exception");
                return 0;
            default:
                Console.Error.WriteLine($"usage: fajma-fuzz TARGET INPUT | fajma-fuzz replay TARGET FILE...   (targets: {string.Join(", ", FuzzTargets.All.Keys)})");
                return 2;
        }
    }
}
