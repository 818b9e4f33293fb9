using R4 = Hl7.Fhir.Model;
using SearchParamType = Hl7.Fhir.Model.SearchParamType;

namespace Fajma.Server.Fhir;

/// <summary>The CapabilityStatement: exactly the types, interactions, search parameters and operations served here.</summary>
public static class FhirCapability
{
    private static readonly Dictionary<string, (SearchParamType Type, string Documentation)> s_parameters = new()
    {
        ["_id"] = (SearchParamType.Token, "Logical id; a comma-separated list matches any."),
        ["_count"] = (SearchParamType.Number, $"Page size, 1–{FhirQuery.MaxCount} (default {FhirQuery.DefaultCount}); pages follow the Bundle's next link."),
        ["_lastUpdated"] = (SearchParamType.Date, "When the record last changed; prefixes eq, ge, gt, le, lt; repeat to give a range."),
        ["patient"] = (SearchParamType.Reference, "Patient/{id} or {id}; a comma-separated list matches any."),
        ["subject"] = (SearchParamType.Reference, "Same as patient."),
        ["code"] = (SearchParamType.Token, "LOINC code, as code or http://loinc.org|code; a blood pressure component code finds the panel."),
        ["_summary"] = (SearchParamType.Token, "count: the total only, no entries. Other values are not served (ignored with a warning, or 400 under Prefer: handling=strict)."),
        ["_sort"] = (SearchParamType.Token, "date, -date (effective time), _lastUpdated, -_lastUpdated (received); '-' is newest first. Without it, by id."),
        ["date"] = (SearchParamType.Date, "Observation: effective time; Encounter: scheduled start; Flag: raised; RiskAssessment: computed. Prefixes eq, ge, gt, le, lt."),
    };

    private static readonly string[] s_common = ["_id", "_count", "_lastUpdated", "_summary"];

    public static R4.CapabilityStatement Statement(string baseUrl)
    {
        var rest = new R4.CapabilityStatement.RestComponent
        {
            Mode = R4.CapabilityStatement.RestfulCapabilityMode.Server,
            Documentation = "Vitals, devices, consultations, alerts and NEWS2 of Fajma's patients. A patient reads their own record; a doctor, their care team's. " +
                "Search parameters not listed are ignored, each named in an OperationOutcome warning entry; send Prefer: handling=strict to have them refused (400).",
            Security = new R4.CapabilityStatement.SecurityComponent
            {
                Cors = false,
                Description = "Bearer access tokens from POST /api/v1/auth/login (the same accounts and rules as Fajma's API).",
            },
            Operation =
            [
                new() { Name = "export", Definition = "http://hl7.org/fhir/uv/bulkdata/OperationDefinition/patient-export" },
                new() { Name = "everything", Definition = "http://hl7.org/fhir/OperationDefinition/Patient-everything" },
            ],
        };
        foreach (var (type, parameters) in FhirResourceTypes.SearchParameters)
        {
            var resource = new R4.CapabilityStatement.ResourceComponent
            {
                Type = type,
                Interaction =
                [
                    new() { Code = R4.CapabilityStatement.TypeRestfulInteraction.Read },
                    new() { Code = R4.CapabilityStatement.TypeRestfulInteraction.SearchType },
                ],
                SearchParam = [.. s_common.Concat(parameters).Select(name => new R4.CapabilityStatement.SearchParamComponent
                {
                    Name = name, Type = s_parameters[name].Type, Documentation = s_parameters[name].Documentation,
                })],
            };
            if (type == FhirResourceTypes.Observation)
            {
                resource.SupportedProfileElement = [.. Core.Fhir.VitalSignProfiles.All.Select(p => new R4.Canonical(p.ProfileUrl)).Prepend(new R4.Canonical(Core.Fhir.VitalSignProfiles.VitalSignsProfile))];
            }
            if (type == FhirResourceTypes.Patient)
            {
                resource.Operation =
                [
                    new() { Name = "export", Definition = "http://hl7.org/fhir/uv/bulkdata/OperationDefinition/patient-export" },
                    new() { Name = "everything", Definition = "http://hl7.org/fhir/OperationDefinition/Patient-everything" },
                ];
            }
            if (type == FhirResourceTypes.Group)
                resource.Operation = [new() { Name = "export", Definition = "http://hl7.org/fhir/uv/bulkdata/OperationDefinition/group-export" }];
            rest.Resource.Add(resource);
        }
        return new R4.CapabilityStatement
        {
            Url = $"{baseUrl}/metadata",
            Name = "Fajma",
            Title = "Fajma FHIR R4 server",
            Status = R4.PublicationStatus.Active,
            Date = "2026-12-03",
            Publisher = "Fajma",
            Kind = R4.CapabilityStatementKind.Instance,
            Instantiates = ["http://hl7.org/fhir/uv/bulkdata/CapabilityStatement/bulk-data"],
            Software = new R4.CapabilityStatement.SoftwareComponent { Name = "Fajma" },
            Implementation = new R4.CapabilityStatement.ImplementationComponent { Description = "Fajma telemedicine and medical IoT", Url = baseUrl },
            FhirVersion = R4.FHIRVersion.N4_0_1,
            Format = ["application/fhir+json"],
            Rest = [rest],
        };
    }
}
