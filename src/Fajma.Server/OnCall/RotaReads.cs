using Fajma.Core.OnCall;
using Fajma.Server.Identity;
using Fajma.Server.Storage;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fajma.Server.OnCall;

/// <summary>Rotas read from the store as responses: names of the doctors, who is on call now and next.</summary>
public static class RotaReads
{
    public static Task<Rota?> RotaAsync(this FajmaDbContext db, int id, CancellationToken cancellationToken) =>
        db.Rotas.Include(r => r.Members).Include(r => r.Covers).AsSplitQuery().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);

    public static async Task<Dictionary<int, string>> DoctorNamesAsync(this FajmaDbContext db, CancellationToken cancellationToken) =>
        await db.Users.AsNoTracking().Where(u => u.Role == Roles.Doctor).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);

    public static RotaDto ToDto(Rota rota, IReadOnlyDictionary<int, string> names, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(rota);
        ArgumentNullException.ThrowIfNull(names);
        var answer = OnCallTimeline.At(RotaForm.Schedule(rota), Instant.FromDateTimeOffset(now));
        return new RotaDto(rota.Id, rota.Name, rota.TimeZone, rota.FirstHandover, RotaForm.Times(rota), rota.CycleDays,
            [.. rota.Members.OrderBy(m => m.Position).Select(m => new RotaMemberDto(m.DoctorId, Name(names, m.DoctorId)))],
            [.. rota.Covers.OrderBy(c => c.From).Select(c => ToDto(c, names))],
            answer.Now is { } n ? ToDto(n, names) : null, answer.Next is { } x ? ToDto(x, names) : null);
    }

    public static RotaOverrideDto ToDto(RotaCover cover, IReadOnlyDictionary<int, string> names)
    {
        ArgumentNullException.ThrowIfNull(cover);
        return new RotaOverrideDto(cover.Id, cover.DoctorId, Name(names, cover.DoctorId), cover.From, cover.To);
    }

    public static OnCallSpanDto ToDto(OnCallSpan span, IReadOnlyDictionary<int, string> names)
    {
        ArgumentNullException.ThrowIfNull(span);
        return new OnCallSpanDto(span.DoctorId, Name(names, span.DoctorId), span.Start.ToDateTimeOffset(), span.End.ToDateTimeOffset(), span.Covering);
    }

    private static string Name(IReadOnlyDictionary<int, string> names, int doctorId) => names.TryGetValue(doctorId, out var name) ? name : $"#{doctorId}";
}
