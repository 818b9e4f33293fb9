using System.Globalization;
using Fajma.Core.OnCall;
using Fajma.Server.Storage;
using NodaTime;
using NodaTime.Text;

namespace Fajma.Server.OnCall;

/// <summary>Reads a rota from what the admin sent and from the store: each bad field named, nothing half-read.</summary>
public static class RotaForm
{
    public const int MaxMembers = 50;
    public const int MaxHandoverTimes = 4;
    public const int MaxCycleDays = 28;

    private static readonly LocalDateTimePattern s_local = LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm");
    private static readonly LocalTimePattern s_time = LocalTimePattern.CreateWithInvariantCulture("HH':'mm");

    /// <summary>The request's own checks (the store's — doctors exist, the name is free — are the endpoint's).</summary>
    public static Dictionary<string, string[]> Check(RotaRequest request, out RotaSchedule? schedule)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, string[]>();
        schedule = null;
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Trim().Length > 100) errors["name"] = ["is required, at most 100 characters"];
        var zone = request.TimeZone is { } id ? DateTimeZoneProviders.Tzdb.GetZoneOrNull(id) : null;
        if (zone is null) errors["timeZone"] = ["must be an IANA time zone, e.g. Europe/Paris"];
        var times = new List<LocalTime>();
        if (request.HandoverTimes is not { Count: > 0 and <= MaxHandoverTimes }) errors["handoverTimes"] = [$"1 to {MaxHandoverTimes} local times, HH:mm"];
        else
        {
            for (var i = 0; i < request.HandoverTimes.Count; i++)
            {
                if (s_time.Parse(request.HandoverTimes[i] ?? "") is { Success: true } t) times.Add(t.Value);
                else errors[$"handoverTimes[{i}]"] = ["must be a local time, HH:mm"];
            }
            if (times.Distinct().Count() != times.Count) errors["handoverTimes"] = ["each time at most once"];
        }
        if (request.CycleDays is < 1 or > MaxCycleDays) errors["cycleDays"] = [$"must be from 1 to {MaxCycleDays}"];
        else if (times.Count > 1 && request.CycleDays != 1) errors["cycleDays"] = ["must be 1 when there are several handover times a day"];
        var first = s_local.Parse(request.FirstHandover ?? "");
        if (!first.Success) errors["firstHandover"] = ["must be a local date and time, yyyy-MM-ddTHH:mm"];
        else if (times.Count > 0 && !times.Contains(first.Value.TimeOfDay)) errors["firstHandover"] = ["its time must be one of the handover times"];
        if (request.Members is null || request.Members.Count > MaxMembers) errors["members"] = [$"a list of at most {MaxMembers} doctors"];
        if (errors.Count == 0) schedule = new RotaSchedule(zone!, request.Members!, first.Value, request.CycleDays, times);
        return errors;
    }

    /// <summary>Writes the request's fields onto the row (members replaced in their new order).</summary>
    public static void Apply(RotaRequest request, Rota rota, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(rota);
        var first = s_local.Parse(request.FirstHandover).Value;
        (rota.Name, rota.TimeZone, rota.FirstHandover, rota.CycleDays, rota.UpdatedAt) =
            (request.Name.Trim(), request.TimeZone, s_local.Format(first), request.CycleDays, now);
        rota.HandoverTimes = string.Join(',', request.HandoverTimes.Select(t => s_time.Parse(t).Value).Order().Select(t => s_time.Format(t)));
        rota.Members.Clear();
        rota.Members.AddRange(request.Members.Select((doctor, i) => new RotaMember { RotaId = rota.Id, Position = i, DoctorId = doctor }));
    }

    /// <summary>The stored rota as Core's schedule, overrides included.</summary>
    public static RotaSchedule Schedule(Rota rota)
    {
        ArgumentNullException.ThrowIfNull(rota);
        var times = rota.HandoverTimes.Split(',').Select(t => s_time.Parse(t).Value).ToArray();
        var covers = rota.Covers.Select(c => new RotaOverride(c.DoctorId, Instant.FromDateTimeOffset(c.From), Instant.FromDateTimeOffset(c.To)));
        return new RotaSchedule(DateTimeZoneProviders.Tzdb[rota.TimeZone], [.. rota.Members.OrderBy(m => m.Position).Select(m => m.DoctorId)],
            s_local.Parse(rota.FirstHandover).Value, rota.CycleDays, times, [.. covers]);
    }

    public static IReadOnlyList<string> Times(Rota rota) => rota?.HandoverTimes.Split(',') ?? [];

    public static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
