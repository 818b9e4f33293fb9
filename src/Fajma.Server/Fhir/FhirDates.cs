using System.Linq.Expressions;
using Fajma.Core.Fhir;

namespace Fajma.Server.Fhir;

/// <summary>Date searches applied in the store's query: each value's bounds become comparisons on the instant searched.</summary>
public static class FhirDates
{
    public static IQueryable<T> Within<T>(this IQueryable<T> rows, Expression<Func<T, DateTimeOffset>> instant, IEnumerable<FhirDateSearch> searches)
    {
        ArgumentNullException.ThrowIfNull(instant);
        foreach (var search in searches)
        {
            if (search.From is { } from)
                rows = rows.Where(Expression.Lambda<Func<T, bool>>(Expression.GreaterThanOrEqual(instant.Body, Expression.Constant(from)), instant.Parameters));
            if (search.Before is { } before)
                rows = rows.Where(Expression.Lambda<Func<T, bool>>(Expression.LessThan(instant.Body, Expression.Constant(before)), instant.Parameters));
        }
        return rows;
    }

    public static bool MatchAll(this IEnumerable<FhirDateSearch> searches, DateTimeOffset instant) => searches.All(s => s.Matches(instant));
}
