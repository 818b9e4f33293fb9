#:package Microsoft.Diagnostics.Tracing.TraceEvent@3.2.8
#:property ManagePackageVersionsCentrally=false
// What each garbage collection of a traced server promoted, through which roots, and how long it paused: the figure that
// sets a gen0 pause. Record 30 s of a server, then read it:
//   dotnet-trace collect -p PID --providers Microsoft-Windows-DotNETRuntime:0x1:4 --duration 00:00:00:30 -o server.nettrace
//   dotnet run bench/gc-promotions.cs -- server.nettrace
// Root kinds (GCMarkWithType): 0 stacks, 1 finalization queue, 2 handles, 3 older generations (the card table), 6
// dependent handles, 7 objects newly ready for finalization. docs/performance.md, issue 15, nineteenth session.
using Microsoft.Diagnostics.Tracing;

var source = new EventPipeEventSource(args[0]);
var rows = new List<(int Gen, double PromotedMb, double PauseMs, string Roots)>();
var marked = new Dictionary<int, long>();
int current = -1, generation = 0;
double promoted = 0, pauseStart = 0;
source.Clr.GCSuspendEEStart += e => pauseStart = e.TimeStampRelativeMSec;
source.Clr.GCStart += e => (current, generation, promoted) = (e.Count, e.Depth, 0);
source.Clr.GCMarkWithType += e => marked[(int)e.Type] = marked.GetValueOrDefault((int)e.Type) + e.Promoted;
source.Clr.GCHeapStats += e => promoted = e.TotalPromotedSize0 / 1e6;
source.Clr.GCRestartEEStop += e =>
{
    if (current < 0) return;
    var roots = string.Join(" ", marked.Where(m => m.Value > 0).OrderByDescending(m => m.Value).Select(m => $"{m.Key}={m.Value / 1e6:F2}MB"));
    rows.Add((generation, promoted, e.TimeStampRelativeMSec - pauseStart, roots));
    (current, promoted) = (-1, 0);
    marked.Clear();
};
try
{
    source.Process();
}
catch (FormatException)
{
    // A trace cut off as its session stopped: what was read counts.
}
foreach (var r in rows) Console.WriteLine($"gen{r.Gen}\tpromoted from gen0 {r.PromotedMb:F2} MB\tpause {r.PauseMs:F1} ms\troots {r.Roots}");
var young = rows.Where(r => r.Gen == 0).ToList();
if (young.Count > 0)
    Console.WriteLine($"{young.Count} gen0 collections: promoted {young.Average(r => r.PromotedMb):F2} MB, pause {young.Average(r => r.PauseMs):F1} ms on average, {young.Max(r => r.PauseMs):F1} ms at most");
