namespace Fajma.Server.Consultations;

/// <summary>The reader's language for visit documents: <c>?lang=</c> first, then Accept-Language, among the app's two (fr, en).</summary>
public static class VisitLanguage
{
    public static string Of(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (Pick(http.Request.Query["lang"].ToString()) is { } asked) return asked;
        var accepted = http.Request.GetTypedHeaders().AcceptLanguage.OrderByDescending(l => l.Quality ?? 1);
        return accepted.Select(l => Pick(l.Value.Value)).FirstOrDefault(l => l is not null) ?? "en";
    }

    private static string? Pick(string? tag) =>
        tag is null ? null
        : tag.StartsWith("fr", StringComparison.OrdinalIgnoreCase) ? "fr"
        : tag.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? "en"
        : null;
}
