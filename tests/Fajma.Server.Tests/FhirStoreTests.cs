// The Firely model marks most elements nullable; the assertions here are what checks them.
#nullable disable warnings
using Fajma.Server.Tests.Infrastructure;
using R4 = Hl7.Fhir.Model;

namespace Fajma.Server.Tests;

/// <summary>
/// The FHIR behaviours each store answers with its own SQL: paging in a stable order, <c>_sort</c>, <c>_summary=count</c>, and
/// <c>$everything</c> paged across types — on SQLite and on PostgreSQL (the rest of the FHIR tests run on SQLite only).
/// </summary>
public abstract class FhirStoreTests(FhirClinic clinic)
{
    [Fact]
    public async Task PagesFollowTheNextLinkInAStableOrderUntilEveryMatchIsSeenOnce()
    {
        var seen = new List<string>();
        var path = $"/fhir/R4/Observation?patient={clinic.PatientA}&_count=4";
        var pages = 0;
        while (path is not null)
        {
            var page = await FhirClinic.SearchAsync(clinic.Doctor, path);
            Assert.Equal(FhirClinic.ObservationsOfA, page.Total);
            Assert.True(page.Entry.Count <= 4);
            seen.AddRange(page.Entry.Select(e => e.Resource.Id));
            path = page.Link.FirstOrDefault(l => l.Relation == "next")?.Url is { } next ? new Uri(next).PathAndQuery : null;
            pages++;
        }
        Assert.Equal(4, pages);
        Assert.Equal(FhirClinic.ObservationsOfA, seen.Distinct().Count());
        Assert.Equal(seen.Select(long.Parse).Order(), seen.Select(long.Parse));
    }

    [Fact]
    public async Task ObservationsSortByDateOrLastUpdatedBothWaysAndSummaryCountGivesTheTotalAlone()
    {
        static DateTimeOffset Effective(R4.Bundle.EntryComponent e) => ((R4.FhirDateTime)((R4.Observation)e.Resource).Effective).ToDateTimeOffset(TimeSpan.Zero);
        static DateTimeOffset Issued(R4.Bundle.EntryComponent e) => ((R4.Observation)e.Resource).Issued!.Value;
        var search = $"/fhir/R4/Observation?patient={clinic.PatientA}&_count=50";

        var newest = (await FhirClinic.SearchAsync(clinic.Doctor, $"{search}&_sort=-date")).Entry.Select(Effective).ToList();
        var oldest = (await FhirClinic.SearchAsync(clinic.Doctor, $"{search}&_sort=date")).Entry.Select(Effective).ToList();
        var received = (await FhirClinic.SearchAsync(clinic.Doctor, $"{search}&_sort=-_lastUpdated")).Entry.Select(Issued).ToList();

        Assert.Equal(FhirClinic.ObservationsOfA, newest.Count);
        Assert.Equal(newest.OrderDescending(), newest);
        Assert.Equal(oldest.Order(), oldest);
        Assert.NotEqual(newest.First(), newest.Last());
        Assert.Equal(received.OrderDescending(), received);
        // A sorted search pages in the same order: its second page goes on where the first stopped.
        var first = await FhirClinic.SearchAsync(clinic.Doctor, $"/fhir/R4/Observation?patient={clinic.PatientA}&_count=7&_sort=-date");
        var next = new Uri(first.Link.Single(l => l.Relation == "next").Url).PathAndQuery;
        Assert.Equal(newest, first.Entry.Concat((await FhirClinic.SearchAsync(clinic.Doctor, next)).Entry).Select(Effective));

        var count = await FhirClinic.SearchAsync(clinic.Doctor, $"/fhir/R4/Observation?patient={clinic.PatientA}&_summary=count");
        Assert.Equal((FhirClinic.ObservationsOfA, 0), (count.Total, count.Entry.Count));
        FhirValidation.AssertValid(count);
    }

    [Fact]
    public async Task EverythingIsPagedByCountAndItsPagesFollowedMakeTheWholeRecordOnce()
    {
        var whole = await FhirClinic.SearchAsync(clinic.AsPatientA, $"/fhir/R4/Patient/{clinic.PatientA}/$everything");
        var seen = new List<string>();
        var path = $"/fhir/R4/Patient/{clinic.PatientA}/$everything?_count=5";
        while (path is not null)
        {
            var page = await FhirClinic.SearchAsync(clinic.AsPatientA, path);
            Assert.Equal(whole.Total, page.Total);
            Assert.True(page.Entry.Count <= 5);
            seen.AddRange(page.Entry.Select(e => $"{e.Resource.TypeName}/{e.Resource.Id}"));
            path = page.Link.FirstOrDefault(l => l.Relation == "next")?.Url is { } next ? new Uri(next).PathAndQuery : null;
        }
        Assert.Equal(whole.Entry.Select(e => $"{e.Resource.TypeName}/{e.Resource.Id}"), seen);
        Assert.Equal(whole.Total, seen.Count);
        Assert.True(seen.Count > 5 * 3, "several pages");
    }
}

public sealed class SqliteFhirStoreTests(FhirClinic clinic) : FhirStoreTests(clinic), IClassFixture<FhirClinic>;

public sealed class PostgresFhirStoreTests(PostgresFhirClinic clinic) : FhirStoreTests(clinic), IClassFixture<PostgresFhirClinic>;
