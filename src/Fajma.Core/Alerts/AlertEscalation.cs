namespace Fajma.Core.Alerts;

/// <summary>
/// Who is paged for an unacknowledged alert: the patient's first care-team doctor, then each next doctor in
/// turn every <c>after</c>, and once the team is exhausted the administrators too. Everyone paged stays paged.
/// </summary>
public static class AlertEscalation
{
    /// <summary>The doctors paged at <paramref name="level"/> (0 = as raised), in care-team order.</summary>
    public static IReadOnlyList<int> PagedDoctors(IReadOnlyList<int> careTeam, int level)
    {
        ArgumentNullException.ThrowIfNull(careTeam);
        ArgumentOutOfRangeException.ThrowIfNegative(level);
        return [.. careTeam.Take(level + 1)];
    }

    /// <summary>Administrators are paged once every doctor of the team has been (or at once when the patient has no doctor).</summary>
    public static bool PagesAdmins(int careTeamSize, int level) => level >= careTeamSize;

    /// <summary>The last level there is: every doctor and the administrators.</summary>
    public static int FinalLevel(int careTeamSize) => Math.Max(careTeamSize, 0);

    /// <summary>When the alert moves to the next level if still unacknowledged; null when it is at the last level or never escalates.</summary>
    public static DateTimeOffset? NextAt(DateTimeOffset raisedAt, int level, int careTeamSize, TimeSpan? after) =>
        after is { } step && level < FinalLevel(careTeamSize) ? raisedAt + step * (level + 1) : null;
}
