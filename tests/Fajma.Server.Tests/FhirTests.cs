// The Firely model marks most elements nullable; the assertions here are what checks them.
#nullable disable warnings
using System.Net;
using Fajma.Server.Privacy;
using Fajma.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using R4 = Hl7.Fhir.Model;

namespace Fajma.Server.Tests;

/// <summary>The FHIR R4 API's search and read: valid resources, paging, dates and codes, errors, who sees what, the audit.</summary>
public sealed class FhirTests(FhirClinic clinic) : IClassFixture<FhirClinic>
{
    [Fact]
    public async Task ASearchOfVitalSignsIsAValidSearchsetUnderTheVitalSignsProfiles()
    {
        var bundle = await FhirClinic.SearchAsync(clinic.Doctor, $"/fhir/R4/Observation?patient=Patient/{clinic.PatientA}&_count=50");

        Assert.Equal(R4.Bundle.BundleType.Searchset, bundle.Type);
        Assert.Equal(FhirClinic.ObservationsOfA, bundle.Total);
        var observations = bundle.Entry.Select(e => (R4.Observation)e.Resource).ToList();
        Assert.Equal(["59408-5", "8310-5", "85354-9", "8867-4"], observations.Select(o => o.Code.Coding[0].Code).Distinct().Order(StringComparer.Ordinal));
        Assert.NotEmpty(FhirValidation.Errors(new R4.Observation { Id = "empty" }, "http://hl7.org/fhir/StructureDefinition/heartrate")); // the validator does refuse
        FhirValidation.AssertValid(bundle);
        foreach (var kind in observations.GroupBy(o => o.Code.Coding[0].Code)) FhirValidation.AssertValid(kind.First()); // base, vitalsigns and its own profile
        var bp = observations.First(o => o.Code.Coding[0].Code == "85354-9");
        Assert.Equal(["8480-6", "8462-4"], bp.Component.Select(c => c.Code.Coding[0].Code));
        Assert.Equal((120m, 80m), (((R4.Quantity)bp.Component[0].Value).Value, ((R4.Quantity)bp.Component[1].Value).Value));
        Assert.Equal("mm[Hg]", ((R4.Quantity)bp.Component[0].Value).Code);
        Assert.All(observations, o => Assert.Equal($"Device/{clinic.DeviceA}", o.Device.Reference));
        Assert.Equal(["2708-6", "59408-5"], observations.First(o => o.Code.Coding[0].Code == "59408-5").Code.Coding.Select(c => c.Code).Order());
    }

    [Fact]
    public async Task DateRangesAndCodesNarrowTheSearch()
    {
        var all = (await FhirClinic.SearchAsync(clinic.Doctor, $"/fhir/R4/Observation?patient={clinic.PatientA}&_count=50")).Entry.Select(e => (R4.Observation)e.Resource).ToList();
        var times = all.Select(o => ((R4.FhirDateTime)o.Effective).ToDateTimeOffset(TimeSpan.Zero)).Distinct().Order().ToList();
        var middle = times[times.Count / 2].UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture);
        var from = await FhirClinic.SearchAsync(clinic.Doctor, $"/fhir/R4/Observation?patient={clinic.PatientA}&_count=50&date=ge{Uri.EscapeDataString(middle)}");
        var before = await FhirClinic.SearchAsync(clinic.Doctor, $"/fhir/R4/Observation?patient={clinic.PatientA}&_count=50&date=lt{Uri.EscapeDataString(middle)}");
        Assert.Equal(all.Count, from.Total + before.Total);
        Assert.True(from.Total > 0 && before.Total > 0);
        var day = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var today = await FhirClinic.SearchAsync(clinic.Doctor, $"/fhir/R4/Observation?patient={clinic.PatientA}&date=ge{day}&date=le{day}&_count=50");
        Assert.Equal(all.Count, today.Total);
        Assert.Equal(0, (await FhirClinic.SearchAsync(clinic.Doctor, $"/fhir/R4/Observation?patient={clinic.PatientA}&date=lt2020-01-01")).Total);

        var heart = await FhirClinic.SearchAsync(clinic.Doctor, $"/fhir/R4/Observation?patient={clinic.PatientA}&code={Uri.EscapeDataString("http://loinc.org|8867-4")}");
        Assert.Equal(5, heart.Total);
        var pressure = await FhirClinic.SearchAsync(clinic.Doctor, $"/fhir/R4/Observation?patient={clinic.PatientA}&code=8480-6");
        Assert.Equal(2, pressure.Total);
        Assert.Equal(0, (await FhirClinic.SearchAsync(clinic.Doctor, $"/fhir/R4/Observation?patient={clinic.PatientA}&_lastUpdated=gt2100-01-01")).Total);
    }

    [Theory]
    [InlineData("/fhir/R4/Observation?colour=blue", HttpStatusCode.BadRequest, "colour")]
    [InlineData("/fhir/R4/Observation?_summary=text", HttpStatusCode.BadRequest, "_summary")]
    [InlineData("/fhir/R4/Observation?_sort=value", HttpStatusCode.BadRequest, "_sort")]
    [InlineData("/fhir/R4/Patient?_sort=date", HttpStatusCode.BadRequest, "_sort")]
    [InlineData("/fhir/R4/Observation/abc", HttpStatusCode.NotFound, "Observation/abc")]
    [InlineData("/fhir/R4/Patient/abc/$everything", HttpStatusCode.NotFound, "Patient/abc")]
    [InlineData("/fhir/R4/Patient/99999/$everything", HttpStatusCode.NotFound, "Patient/99999")]
    [InlineData("/fhir/R4/$export-status/0b5c3e39-1d5f-4d7e-9d1e-6c1f4f3f2a10", HttpStatusCode.NotFound, "not known on this node")]
    [InlineData("/fhir/R4/$export-status/not-a-job", HttpStatusCode.NotFound, "$export-status")]
    [InlineData("/fhir/R4/Observation?date=yesterday", HttpStatusCode.BadRequest, "date")]
    [InlineData("/fhir/R4/Observation?date=ne2026-01-01", HttpStatusCode.BadRequest, "date")]
    [InlineData("/fhir/R4/Observation?_count=0", HttpStatusCode.BadRequest, "_count")]
    [InlineData("/fhir/R4/Observation?code=http://snomed.info/sct|364075005", HttpStatusCode.BadRequest, "code")]
    [InlineData("/fhir/R4/Observation?patient=Practitioner/1", HttpStatusCode.BadRequest, "patient")]
    [InlineData("/fhir/R4/Medication", HttpStatusCode.NotFound, "Medication")]
    [InlineData("/fhir/R4/Observation/999999", HttpStatusCode.NotFound, "Observation/999999")]
    [InlineData("/fhir/R4/Patient/1/$validate", HttpStatusCode.NotFound, "no such FHIR interaction")]
    public async Task BadRequestsGetAnOperationOutcomeNamingWhatIsWrong(string path, HttpStatusCode status, string named)
    {
        // Strict handling: what is not served is refused, not ignored.
        using var request = new HttpRequestMessage(HttpMethod.Get, path) { Headers = { { "Prefer", "handling=strict" } } };
        using var response = await clinic.Doctor.SendAsync(request);
        Assert.Equal(status, response.StatusCode);
        var outcome = await FhirClinic.ReadAsync<R4.OperationOutcome>(response);
        Assert.Contains(named, outcome.Issue[0].Diagnostics, StringComparison.Ordinal);
        FhirValidation.AssertValid(outcome);
    }

    [Fact]
    public async Task APatientSeesOnlyThemselfAndADoctorOnlyTheirCareTeam()
    {
        var own = await FhirClinic.SearchAsync(clinic.AsPatientA, "/fhir/R4/Patient");
        Assert.Equal([clinic.PatientA.ToString(System.Globalization.CultureInfo.InvariantCulture)], own.Entry.Select(e => e.Resource.Id));
        var anObservationOfA = (await FhirClinic.SearchAsync(clinic.AsPatientA, "/fhir/R4/Observation?_count=1")).Entry.Single().Resource.Id;

        // Another's record and a record that does not exist answer alike: 404, or an empty search.
        foreach (var (client, path) in new[]
        {
            (clinic.AsPatientA, $"/fhir/R4/Patient/{clinic.PatientB}"), (clinic.AsPatientB, $"/fhir/R4/Observation/{anObservationOfA}"),
            (clinic.AsOtherDoctor, $"/fhir/R4/Patient/{clinic.PatientA}"), (clinic.AsOtherDoctor, $"/fhir/R4/Device/{clinic.DeviceA}"),
            (clinic.AsPatientB, $"/fhir/R4/Patient/{clinic.PatientA}/$everything"), (clinic.Doctor, $"/fhir/R4/Group/{clinic.OtherDoctorId}"),
        })
        {
            using var response = await client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path}: {response.StatusCode}");
        }
        Assert.Equal(0, (await FhirClinic.SearchAsync(clinic.AsPatientA, $"/fhir/R4/Observation?patient={clinic.PatientB}")).Total);
        Assert.Equal(0, (await FhirClinic.SearchAsync(clinic.AsOtherDoctor, $"/fhir/R4/Observation?patient={clinic.PatientA}")).Total);
        Assert.Equal(3, (await FhirClinic.SearchAsync(clinic.AsOtherDoctor, "/fhir/R4/Observation")).Total); // B's only
        var group = await FhirClinic.ReadAsync<R4.Group>(await clinic.AsOtherDoctor.GetAsync($"/fhir/R4/Group/{clinic.OtherDoctorId}"));
        Assert.Equal([$"Patient/{clinic.PatientB}"], group.Member.Select(m => m.Entity.Reference));
        FhirValidation.AssertValid(group);

        // Refusals are OperationOutcomes too, beside the bearer scheme's own challenge.
        using (var anonymous = await clinic.Anonymous.GetAsync("/fhir/R4/Patient"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            Assert.Equal("Bearer", anonymous.Headers.WwwAuthenticate.Single().Scheme);
            var outcome = await FhirClinic.ReadAsync<R4.OperationOutcome>(anonymous);
            Assert.Equal(R4.OperationOutcome.IssueType.Login, outcome.Issue[0].Code);
            FhirValidation.AssertValid(outcome);
        }
        using (var admin = await clinic.Host.Admin.GetAsync("/fhir/R4/Observation"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, admin.StatusCode);
            Assert.Equal(R4.OperationOutcome.IssueType.Forbidden, (await FhirClinic.ReadAsync<R4.OperationOutcome>(admin)).Issue[0].Code);
        }
        using (var api = await clinic.Anonymous.GetAsync("/api/v1/patients")) Assert.NotEqual("application/fhir+json", api.Content.Headers.ContentType?.MediaType);
        using var metadata = await clinic.Anonymous.GetAsync("/fhir/R4/metadata");
        var capability = await FhirClinic.ReadAsync<R4.CapabilityStatement>(metadata);
        Assert.Equal(["Device", "Encounter", "Flag", "Group", "Observation", "Patient", "RiskAssessment"], capability.Rest[0].Resource.Select(r => r.Type).Order());
        FhirValidation.AssertValid(capability);
    }

    [Fact]
    public async Task AnUnsupportedParameterIsIgnoredWithAWarningAndTheCapabilityStatementListsWhatIsServed()
    {
        var bundle = await FhirClinic.SearchAsync(clinic.Doctor, $"/fhir/R4/Observation?patient={clinic.PatientA}&_count=50&colour=blue&_summary=text");

        Assert.Equal(FhirClinic.ObservationsOfA, bundle.Total);
        var outcome = (R4.OperationOutcome)Assert.Single(bundle.Entry, e => e.Search.Mode == R4.Bundle.SearchEntryMode.Outcome).Resource;
        Assert.Equal(["_summary", "colour"], outcome.Issue.Select(i => i.Expression.Single()).Order(StringComparer.Ordinal));
        Assert.All(outcome.Issue, i => Assert.Equal(R4.OperationOutcome.IssueSeverity.Warning, i.Severity));
        Assert.Equal(FhirClinic.ObservationsOfA, bundle.Entry.Count(e => e.Search.Mode == R4.Bundle.SearchEntryMode.Match));
        FhirValidation.AssertValid(bundle);
        var capability = await FhirClinic.ReadAsync<R4.CapabilityStatement>(await clinic.Anonymous.GetAsync("/fhir/R4/metadata"));
        var observation = capability.Rest[0].Resource.Single(r => r.Type == "Observation").SearchParam.Select(p => p.Name).ToList();
        Assert.Contains("_sort", observation);
        Assert.Contains("_summary", observation);
        Assert.Contains("handling=strict", capability.Rest[0].Documentation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EachSearchIsAuditedOncePerPatientWhoseRecordWentOut()
    {
        Task<int> CountAsync() => clinic.Host.QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditActions.FhirRead && e.PatientId == clinic.PatientA));
        var before = await CountAsync();
        var bundle = await FhirClinic.SearchAsync(clinic.Doctor, $"/fhir/R4/Observation?patient={clinic.PatientA}&_count=50");
        Assert.Equal(FhirClinic.ObservationsOfA, bundle.Entry.Count);
        Assert.Equal(before + 1, await CountAsync());
        await FhirClinic.SearchAsync(clinic.Doctor, $"/fhir/R4/Observation?patient={clinic.PatientA}&date=lt2020-01-01");
        Assert.Equal(before + 1, await CountAsync()); // nothing went out
    }
}
