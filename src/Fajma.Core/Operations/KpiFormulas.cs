namespace Fajma.Core.Operations;

/// <summary>
/// Seed 000 §8.1's indicators from raw counts and samples. A ratio over nothing is null, not 0 or 1: a quiet minute
/// has no delivery rate, and a chart shows a gap rather than a false outage or a false perfect score.
/// </summary>
public static class KpiFormulas
{
    /// <summary><paramref name="part"/> over <paramref name="whole"/>, or null when the whole is empty.</summary>
    public static double? Share(long part, long whole)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(part);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(part, whole);
        return whole == 0 ? null : (double)part / whole;
    }

    public static double? Mean(IReadOnlyCollection<double> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        return samples.Count == 0 ? null : samples.Average();
    }

    /// <summary>Nearest-rank percentile (<paramref name="percent"/> in 0–100]: a value that was actually observed.</summary>
    public static double? Percentile(IReadOnlyCollection<double> samples, double percent)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (percent is <= 0 or > 100) throw new ArgumentOutOfRangeException(nameof(percent), percent, "must be in (0, 100]");
        if (samples.Count == 0) return null;
        var sorted = samples.Order().ToArray();
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }

    /// <summary>Messages acknowledged (stored, or a redelivery of a stored one) among those received.</summary>
    public static double? DeliveryRate(long acknowledged, long received) => Share(acknowledged, received);

    /// <summary>Messages that passed the plausibility checks among those received: malformed or invalid ones count against.</summary>
    public static double? DataQuality(long received, long implausible) => Share(received - implausible, received);

    /// <summary>Alerts a doctor rated actionable among those rated; alerts resolved by the values themselves are not rated.</summary>
    public static double? AlertPrecision(long actionable, long notActionable) => Share(actionable, actionable + notActionable);

    /// <summary>Registered devices that reported within their timeout.</summary>
    public static double? DeviceAvailability(long active, long registered) => Share(active, registered);
}
