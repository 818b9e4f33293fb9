namespace Fajma.Cli.Bench;

/// <summary>What <c>fajma bench idle</c> was asked to run: the quiet fleet, and the few busy devices offering the same rate.</summary>
internal sealed record IdleSettings(IngestSettings Quiet, int BusyDevices)
{
    /// <summary>
    /// The comparison run: the same messages per second from <see cref="BusyDevices"/> devices, and screens scaled down
    /// with the fleet so that they too receive the same messages per second — only the number of connections differs.
    /// </summary>
    public IngestSettings Busy
    {
        get
        {
            var share = (double)BusyDevices / Quiet.Devices;
            return Quiet with
            {
                Devices = BusyDevices, RateHz = Quiet.Devices * Quiet.RateHz / BusyDevices,
                Watchers = Scaled(Quiet.Doctors, share), Central = Scaled(Quiet.CentralPatients, share),
            };
        }
    }

    private static int Scaled(int count, double share) => count == 0 ? 0 : Math.Max(1, (int)Math.Round(count * share));
}
