using Fajma.Core.Alerts;
using Fajma.Core.Messages;
using Fajma.Core.Vitals;

namespace Fajma.Core.Traffic;

/// <summary>
/// A reading that must not wait behind the flood: one of its values scores 3 on its own in NEWS2 (a "red score", which
/// calls for an urgent review), so an alert may hang on it. Under overload it is admitted like a critical alert; the
/// patient's own alert rules decide later what it raises. Population bands, not the patient's: admission has no time to ask.
/// </summary>
public static class UrgentReading
{
    public static bool Is(DeviceReading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        foreach (var m in reading.Measurements)
            if (News2.Points(m.Type, m.Value) == 3) return true;
        return false;
    }
}
