using System.Globalization;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.WebUtilities;
using R4 = Hl7.Fhir.Model;

namespace Fajma.Server.Fhir;

/// <summary>Search answers as searchset Bundles: absolute fullUrls, a total, self and next links that keep the search and move the page.</summary>
public static class FhirBundles
{
    public static string BaseUrl(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return $"{request.Scheme}://{request.Host}{request.PathBase}{FhirUris.Base}";
    }

    public static R4.Bundle SearchSet(HttpRequest request, FhirQuery query, FhirPage page)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(page);
        var baseUrl = BaseUrl(request);
        var bundle = Collect(baseUrl, R4.Bundle.BundleType.Searchset, page.Resources);
        bundle.Total = page.Total;
        bundle.Link.Add(new R4.Bundle.LinkComponent { Relation = "self", Url = PageUrl(request, query.Offset) });
        if (query.Offset + page.Resources.Count < page.Total && page.Resources.Count > 0)
            bundle.Link.Add(new R4.Bundle.LinkComponent { Relation = "next", Url = PageUrl(request, query.Offset + query.Count) });
        if (query.Offset > 0)
            bundle.Link.Add(new R4.Bundle.LinkComponent { Relation = "previous", Url = PageUrl(request, Math.Max(0, query.Offset - query.Count)) });
        if (query.Ignored.Count > 0)
        {
            // FHIR's lenient handling: what was not applied is said in an outcome entry, so no client mistakes the answer for a filtered one.
            var outcome = new R4.OperationOutcome
            {
                Id = Guid.NewGuid().ToString(),
                Issue = [.. query.Ignored.Select(i => new R4.OperationOutcome.IssueComponent
                {
                    Severity = R4.OperationOutcome.IssueSeverity.Warning, Code = R4.OperationOutcome.IssueType.NotSupported,
                    Diagnostics = $"{i.Parameter} ignored: {i.Message}", Expression = [i.Parameter],
                })],
            };
            bundle.Entry.Add(new R4.Bundle.EntryComponent
            {
                FullUrl = $"urn:uuid:{outcome.Id}", Resource = outcome, Search = new R4.Bundle.SearchComponent { Mode = R4.Bundle.SearchEntryMode.Outcome },
            });
        }
        return bundle;
    }

    public static R4.Bundle Collect(string baseUrl, R4.Bundle.BundleType type, IEnumerable<R4.Resource> resources)
    {
        var bundle = new R4.Bundle { Type = type, Id = Guid.NewGuid().ToString(), Meta = new R4.Meta { LastUpdated = DateTimeOffset.UtcNow } };
        foreach (var resource in resources)
        {
            bundle.Entry.Add(new R4.Bundle.EntryComponent
            {
                FullUrl = $"{baseUrl}/{resource.TypeName}/{resource.Id}",
                Resource = resource,
                Search = type == R4.Bundle.BundleType.Searchset ? new R4.Bundle.SearchComponent { Mode = R4.Bundle.SearchEntryMode.Match } : null,
            });
        }
        return bundle;
    }

    private static string PageUrl(HttpRequest request, int offset)
    {
        var kept = request.Query.Where(p => p.Key != "_offset").SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string?>(p.Key, v))).ToList();
        kept.Add(new("_offset", offset.ToString(CultureInfo.InvariantCulture)));
        return QueryHelpers.AddQueryString($"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}", kept);
    }
}
