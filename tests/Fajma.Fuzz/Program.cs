using SharpFuzz;

namespace Fajma.Fuzz;

/// <summary>
/// <c>fajma-fuzz TARGET</c> under afl-fuzz (scripts/fuzz.sh), or <c>fajma-fuzz replay TARGET FILE…</c> to run inputs
/// once in-process (a corpus, or a crash AFL saved, to debug it).
/// </summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        switch (args)
        {
            case [var name] when FuzzTargets.All.TryGetValue(name, out var target):
                Fuzzer.OutOfProcess.Run(stream =>
                {
                    using var buffer = new MemoryStream();
                    stream.CopyTo(buffer);
                    target(buffer.ToArray());
                });
                return 0;
            case ["replay", var name, .. var files] when FuzzTargets.All.TryGetValue(name, out var target):
                foreach (var file in files) target(File.ReadAllBytes(file));
                Console.WriteLine($"{files.Length} inputs replayed through {name}: no exception");
                return 0;
            default:
                Console.Error.WriteLine($"usage: fajma-fuzz TARGET | fajma-fuzz replay TARGET FILE...   (targets: {string.Join(", ", FuzzTargets.All.Keys)})");
                return 2;
        }
    }
}
