using NodaTime;

namespace Fajma.Core.OnCall;

/// <summary>One doctor on call from <see cref="Start"/> to <see cref="End"/>; <see cref="Covering"/> when an override put them there.</summary>
public sealed record OnCallSpan(int DoctorId, Instant Start, Instant End, bool Covering)
{
    public bool Contains(Instant at) => Start <= at && at < End;
}
