using System.Globalization;
using Fajma.Core.Consultations;
using Fajma.Core.Fhir;
using Fajma.Server.Alerts;
using Fajma.Server.Storage;
using R4 = Hl7.Fhir.Model;

namespace Fajma.Server.Fhir;

/// <summary>Fajma's records as FHIR R4 resources, other than observations (<see cref="FhirObservations"/>).</summary>
public static class FhirResources
{
    private static string Text(int id) => id.ToString(CultureInfo.InvariantCulture);

    public static R4.Patient ToFhir(Patient p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new R4.Patient
        {
            Id = Text(p.Id),
            Meta = new R4.Meta { LastUpdated = p.CreatedAt },
            Active = true,
            Name = [new R4.HumanName { Text = p.DisplayName, Use = R4.HumanName.NameUse.Usual }],
            BirthDate = p.DateOfBirth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
    }

    public static R4.Device ToFhir(Device d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new R4.Device
        {
            Id = FhirIds.ForDevice(d.Id),
            Meta = new R4.Meta { LastUpdated = d.LastSeenAt ?? d.RegisteredAt },
            Identifier = [new R4.Identifier(FhirUris.DeviceSystem, d.Id)],
            Status = d.RevokedAt is null ? R4.Device.FHIRDeviceStatus.Active : R4.Device.FHIRDeviceStatus.Inactive,
            Type = new R4.CodeableConcept { Text = d.Type },
            Patient = d.PatientId is { } patientId ? FhirUris.Patient(patientId) : null,
        };
    }

    /// <summary>A consultation is a virtual encounter (class VR) between the patient and their doctor.</summary>
    public static R4.Encounter ToFhir(Consultation c, string doctorName)
    {
        ArgumentNullException.ThrowIfNull(c);
        var encounter = new R4.Encounter
        {
            Id = Text(c.Id),
            Meta = new R4.Meta { LastUpdated = c.StateChangedAt },
            Status = c.State switch
            {
                ConsultationState.Scheduled => R4.Encounter.EncounterStatus.Planned,
                ConsultationState.Connecting or ConsultationState.IotSync => R4.Encounter.EncounterStatus.Arrived,
                ConsultationState.Completed => R4.Encounter.EncounterStatus.Finished,
                ConsultationState.Cancelled or ConsultationState.Failed => R4.Encounter.EncounterStatus.Cancelled,
                _ => R4.Encounter.EncounterStatus.InProgress,
            },
            Class = new R4.Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "VR", "virtual"),
            Subject = FhirUris.Patient(c.PatientId),
            Participant = [new R4.Encounter.ParticipantComponent { Individual = new R4.ResourceReference { Display = doctorName, Identifier = new R4.Identifier(FhirUris.UserSystem, Text(c.DoctorId)) } }],
            ReasonCode = [new R4.CodeableConcept { Text = c.Reason }],
            Period = new R4.Period { Start = (c.StartedAt ?? c.ScheduledAt).ToString("o", CultureInfo.InvariantCulture), End = c.EndedAt?.ToString("o", CultureInfo.InvariantCulture) },
        };
        return encounter;
    }

    /// <summary>
    /// An alert is a Flag: a warning about the patient, active from when it was raised until it was resolved — an alert's
    /// own lifecycle. (DetectedIssue is for an issue found by checking an action, such as a drug interaction.)
    /// </summary>
    public static R4.Flag ToFhir(AlertDto a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return new R4.Flag
        {
            Id = a.Id.ToString(),
            Meta = new R4.Meta { LastUpdated = a.ResolvedAt ?? a.AcknowledgedAt ?? a.LastSeenAt },
            Status = a.ResolvedAt is null ? R4.Flag.FlagStatus.Active : R4.Flag.FlagStatus.Inactive,
            Category = [new R4.CodeableConcept("http://terminology.hl7.org/CodeSystem/flag-category", "clinical", "Clinical")],
            Code = new R4.CodeableConcept(FhirUris.AlertRuleSystem, a.Rule, a.Title, a.Title),
            Subject = FhirUris.Patient(a.PatientId!.Value),
            Period = new R4.Period { Start = a.RaisedAt.ToString("o", CultureInfo.InvariantCulture), End = a.ResolvedAt?.ToString("o", CultureInfo.InvariantCulture) },
            Extension =
            [
                new R4.Extension("http://hl7.org/fhir/StructureDefinition/flag-priority",
                    new R4.CodeableConcept("http://hl7.org/fhir/flag-priority-code", a.Severity switch { "critical" => "PH", "major" => "PM", _ => "PL" })),
            ],
        };
    }

    /// <summary>NEWS2 now (RCP 2017): the total as the score, its risk band as the qualitative risk of deterioration.</summary>
    public static R4.RiskAssessment? ToFhir(News2Dto n)
    {
        ArgumentNullException.ThrowIfNull(n);
        if (n.Total is not { } total || n.ComputedAt is not { } at) return null;
        return new R4.RiskAssessment
        {
            Id = $"news2-{Text(n.PatientId)}",
            Meta = new R4.Meta { LastUpdated = at },
            Status = n.Complete ? R4.ObservationStatus.Final : R4.ObservationStatus.Preliminary,
            Code = new R4.CodeableConcept("http://snomed.info/sct", "1104051000000101", "Royal College of Physicians NEWS2 (National Early Warning Score 2) total score", "NEWS2"),
            Subject = FhirUris.Patient(n.PatientId),
            Occurrence = new R4.FhirDateTime(at),
            Prediction =
            [
                new R4.RiskAssessment.PredictionComponent
                {
                    Outcome = new R4.CodeableConcept { Text = "Clinical deterioration" },
                    QualitativeRisk = new R4.CodeableConcept("http://terminology.hl7.org/CodeSystem/risk-probability", n.Risk switch
                    {
                        "high" => "high",
                        "medium" => "moderate",
                        _ => "low",
                    }),
                    Rationale = $"NEWS2 total {total}{(n.Complete ? "" : $" (lower bound: missing {string.Join(", ", n.Missing)})")}",
                },
            ],
            Note = [new R4.Annotation { Text = new R4.Markdown($"NEWS2 {total}, risk {n.Risk}") }],
        };
    }

    /// <summary>A doctor's care team as an actual Group of the patients in it.</summary>
    public static R4.Group CareTeam(int doctorId, string doctorName, IReadOnlyList<int> patientIds) => new()
    {
        Id = Text(doctorId),
        Type = R4.Group.GroupType.Person,
        Actual = true,
        Name = $"Care team of {doctorName}",
        Quantity = patientIds.Count,
        Member = [.. patientIds.Select(id => new R4.Group.MemberComponent { Entity = FhirUris.Patient(id) })],
    };
}
