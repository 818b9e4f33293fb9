using NodaTime;

namespace Fajma.Core.OnCall;

/// <summary>A doctor covers the rota from <see cref="From"/> (inclusive) to <see cref="To"/> (exclusive), whoever's shift it is.</summary>
public sealed record RotaOverride(int DoctorId, Instant From, Instant To)
{
    public bool Covers(Instant at) => From <= at && at < To;

    public bool Overlaps(RotaOverride other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return From < other.To && other.From < To;
    }
}
