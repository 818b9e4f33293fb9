// The Firely model marks most elements nullable; the assertions here are what checks them.
#nullable disable warnings
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fajma.Server.Fhir;
using Fajma.Server.Privacy;
using Fajma.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using R4 = Hl7.Fhir.Model;

namespace Fajma.Server.Tests;

/// <summary>Bulk Data $export (async kick-off, status, ndjson files) and a patient's $everything, validated; only the requester gets the files.</summary>
public sealed class FhirExportTests(FhirClinic clinic) : IClassFixture<FhirClinic>
{
    [Fact]
    public async Task ACareTeamExportRunsAsyncAndItsNdjsonFilesAreValidAndTheRequestersOnly()
    {
        using var kickOff = new HttpRequestMessage(HttpMethod.Get, $"/fhir/R4/Group/{clinic.Host.DoctorId}/$export");
        kickOff.Headers.Add("Prefer", "respond-async");
        using var accepted = await clinic.Doctor.SendAsync(kickOff);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var status = accepted.Content.Headers.ContentLocation ?? accepted.Headers.GetValues("Content-Location").Select(u => new Uri(u)).Single();

        var manifest = await ManifestAsync(clinic.Doctor, status);
        Assert.True(manifest["requiresAccessToken"]!.GetValue<bool>());
        var outputs = manifest["output"]!.AsArray().Select(o => (Type: o!["type"]!.GetValue<string>(), Url: new Uri(o["url"]!.GetValue<string>()), Count: o["count"]!.GetValue<int>())).ToList();
        Assert.Equal(["Device", "Encounter", "Flag", "Observation", "Patient"], outputs.Select(o => o.Type).Order().Intersect(["Device", "Encounter", "Flag", "Observation", "Patient"]));
        Assert.Equal(2, outputs.Single(o => o.Type == "Patient").Count);
        Assert.Equal(FhirClinic.ObservationsOfA + 3, outputs.Single(o => o.Type == "Observation").Count);

        foreach (var output in outputs)
        {
            using var file = await clinic.Doctor.GetAsync(output.Url.PathAndQuery);
            Assert.Equal(HttpStatusCode.OK, file.StatusCode);
            Assert.Equal(FhirJson.NdjsonContentType, file.Content.Headers.ContentType?.MediaType);
            var lines = (await file.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(output.Count, lines.Length);
            var resources = lines.Select(l => JsonSerializer.Deserialize<R4.Resource>(l, FhirJson.Options)).ToList();
            Assert.All(resources, r => Assert.Equal(output.Type, r.TypeName));
            foreach (var resource in resources.Where(r => r is not R4.Observation).Concat(resources.OfType<R4.Observation>().DistinctBy(o => o.Code.Coding[0].Code)))
                FhirValidation.AssertValid(resource);
            // Someone else, even a doctor of the same patients, gets nothing of it.
            using var other = await clinic.AsOtherDoctor.GetAsync(output.Url.PathAndQuery);
            Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        }
        using (var otherStatus = await clinic.AsOtherDoctor.GetAsync(status.PathAndQuery)) Assert.Equal(HttpStatusCode.NotFound, otherStatus.StatusCode);
        Assert.True(await clinic.Host.QueryAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditActions.FhirExport && e.PatientId == clinic.PatientB)));

        using var delete = await clinic.Doctor.DeleteAsync(status.PathAndQuery);
        Assert.Equal(HttpStatusCode.Accepted, delete.StatusCode);
        using var gone = await clinic.Doctor.GetAsync(outputs[0].Url.PathAndQuery);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task APatientExportsTheirOwnRecordByTypeAndSinceButNoOneElses()
    {
        var status = await KickOffAsync(clinic.AsPatientA, $"/fhir/R4/Patient/{clinic.PatientA}/$export?_type=Observation,Patient");
        var manifest = await ManifestAsync(clinic.AsPatientA, status);
        Assert.Equal(["Observation", "Patient"], manifest["output"]!.AsArray().Select(o => o!["type"]!.GetValue<string>()).Order());

        var later = await KickOffAsync(clinic.AsPatientA, $"/fhir/R4/Patient/{clinic.PatientA}/$export?_since=2100-01-01T00:00:00Z");
        Assert.Empty((await ManifestAsync(clinic.AsPatientA, later))["output"]!.AsArray());

        foreach (var (path, expected, named) in new[]
        {
            ($"/fhir/R4/Patient/{clinic.PatientB}/$export", HttpStatusCode.NotFound, "Patient"),
            ($"/fhir/R4/Group/{clinic.OtherDoctorId}/$export", HttpStatusCode.NotFound, "Group"),
            ($"/fhir/R4/Patient/{clinic.PatientA}/$export?_type=Medication", HttpStatusCode.BadRequest, "_type"),
            ($"/fhir/R4/Patient/{clinic.PatientA}/$export?_since=soon", HttpStatusCode.BadRequest, "_since"),
        })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add("Prefer", "respond-async");
            using var response = await clinic.AsPatientA.SendAsync(request);
            Assert.Equal(expected, response.StatusCode);
            Assert.Contains(named, (await FhirClinic.ReadAsync<R4.OperationOutcome>(response)).Issue[0].Diagnostics, StringComparison.Ordinal);
        }
        using var withoutPrefer = await clinic.AsPatientA.GetAsync($"/fhir/R4/Patient/{clinic.PatientA}/$export");
        Assert.Equal(HttpStatusCode.BadRequest, withoutPrefer.StatusCode);
    }

    [Fact]
    public async Task EverythingIsThePatientsWholeRecordAsValidResources()
    {
        var bundle = await FhirClinic.SearchAsync(clinic.AsPatientA, $"/fhir/R4/Patient/{clinic.PatientA}/$everything");
        var types = bundle.Entry.GroupBy(e => e.Resource.TypeName).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(1, types["Patient"]);
        Assert.Equal(FhirClinic.ObservationsOfA, types["Observation"]);
        Assert.Equal(1, types["Device"]);
        Assert.Equal(1, types["Encounter"]);
        Assert.True(types.GetValueOrDefault("Flag") >= 1, "the high heart rate alert");
        Assert.All(bundle.Entry, e => Assert.Equal($"Patient/{clinic.PatientA}", e.Resource switch
        {
            R4.Patient p => $"Patient/{p.Id}",
            R4.Observation o => o.Subject.Reference,
            R4.Device d => d.Patient.Reference,
            R4.Encounter c => c.Subject.Reference,
            R4.Flag f => f.Subject.Reference,
            R4.RiskAssessment r => r.Subject.Reference,
            _ => "",
        }));
        FhirValidation.AssertValid(bundle);
        foreach (var resource in bundle.Entry.Select(e => e.Resource).Where(r => r is not R4.Observation)) FhirValidation.AssertValid(resource);
        var encounter = bundle.Entry.Select(e => e.Resource).OfType<R4.Encounter>().Single();
        Assert.Equal((R4.Encounter.EncounterStatus.Planned, "VR"), (encounter.Status!.Value, encounter.Class.Code));
    }

    private static async Task<Uri> KickOffAsync(HttpClient client, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Prefer", "respond-async");
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return response.Content.Headers.ContentLocation!;
    }

    /// <summary>Polls as a Bulk Data client does (202 with X-Progress) until the manifest, within the tests' timeout.</summary>
    private static async Task<JsonObject> ManifestAsync(HttpClient client, Uri status)
    {
        using var deadline = new CancellationTokenSource(Wait.Timeout);
        while (true)
        {
            using var response = await client.GetAsync(status.PathAndQuery, deadline.Token);
            if (response.StatusCode == HttpStatusCode.OK) return JsonNode.Parse(await response.Content.ReadAsStringAsync(deadline.Token))!.AsObject();
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            Assert.Contains("types written", response.Headers.GetValues("X-Progress").Single(), StringComparison.Ordinal);
            await Task.Delay(50, deadline.Token); // the client's polling interval, not a wait for an outcome
        }
    }
}
