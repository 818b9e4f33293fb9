using System.Globalization;

namespace Fajma.Cli.Bench;

/// <summary>What <c>bench idle</c> measured: the many quiet devices against the few busy ones, against the goals, then both runs in full.</summary>
internal sealed record IdleReport(IdleSettings Settings, IngestRow Busy, IngestRow Quiet)
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>Acknowledged per second with the quiet fleet against the same rate from the busy devices (goal ≥ 90 %).</summary>
    public double ThroughputRatio => Busy.Acked <= 0 ? double.NaN : Quiet.Acked / Busy.Acked;

    /// <summary>
    /// The server's extra resident memory per extra connection while the fleets run, in KB (goal ≤ 30). Not the lifetime
    /// peaks, which may come from the setup (registering thousands of devices through the API in a burst) rather than from
    /// holding the connections.
    /// </summary>
    public double KilobytesPerConnection => (Quiet.HeldMb - Busy.HeldMb) * 1024 / Math.Max(1, Quiet.Connected - Busy.Connected);

    /// <summary>Nothing refused, no transport error, no tick missed, and (within 1 %) every offered reading acknowledged.</summary>
    public bool EveryReadingAcknowledged => Quiet.Refused == 0 && Quiet.Errors == 0 && Quiet.Missed == 0 && Quiet.Acked >= Quiet.Offered * 0.99;

    private IEnumerable<(string Name, string Value)> Summary()
    {
        var q = Settings.Quiet;
        yield return ("quiet fleet", string.Create(C, $"{q.Devices:N0} devices × {q.RateHz:G4} Hz = {q.Devices * q.RateHz:F0} msg/s over {q.TransportName}; {Quiet.Connected:N0} connected, from {q.Generators} generator process(es)"));
        yield return ("compared with", string.Create(C, $"{Busy.Connected:N0} devices offering the same rate ({Settings.Busy.RateHz:G4} Hz each), screens scaled to receive the same live rate"));
        yield return ("every reading acknowledged (goal: yes)", EveryReadingAcknowledged ? "yes"
            : string.Create(C, $"no: {Quiet.Acked:F0}/s of {Quiet.Offered:F0}/s; refused {Quiet.Refused}, transport errors {Quiet.Errors}, missed ticks {Quiet.Missed}"));
        yield return ("throughput with the quiet fleet ÷ without (goal ≥ 90 %)", double.IsNaN(ThroughputRatio) ? "—"
            : string.Create(C, $"{ThroughputRatio * 100:F0} % ({Quiet.Acked:F0}/s ÷ {Busy.Acked:F0}/s)"));
        yield return ("live p99 device → screen, quiet / busy (goal < 50 ms)", string.Create(C, $"{Quiet.P99:F1} / {Busy.P99:F1} ms"));
        yield return ("server memory per extra connection (goal ≤ 30 KB)",
            string.Create(C, $"{KilobytesPerConnection:F1} KB (resident while measured {Quiet.HeldMb:F0} MB against {Busy.HeldMb:F0} MB; lifetime peaks, setup included, {Quiet.PeakMb:F0} / {Busy.PeakMb:F0} MB)"));
        yield return ("server CPU per message, quiet / busy", string.Create(C, $"{Quiet.CpuPerMessageMicros:F0} / {Busy.CpuPerMessageMicros:F0} µs"));
    }

    private IngestReport Runs => new(Settings.Quiet, [Busy, Quiet]);

    public void Print()
    {
        ReportTable.Print("fajma bench idle", Summary());
        Runs.PrintRuns("both runs");
    }

    public string ToMarkdown() =>
        $"# fajma bench idle\n\n{ReportTable.ToMarkdown(Summary())}\n## Both runs\n\n{Runs.RunsMarkdown()}";
}
