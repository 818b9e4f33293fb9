namespace Fajma.Cli.Bench;

/// <summary>What <c>fajma bench overload</c> was asked to run.</summary>
internal sealed record OverloadSettings(int Devices, double RateHz, int Probes, TimeSpan Warmup, TimeSpan Duration, IReadOnlyList<string> ServerArgs)
{
    public double Offered => Devices * RateHz;
}
