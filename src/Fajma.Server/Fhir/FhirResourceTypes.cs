namespace Fajma.Server.Fhir;

/// <summary>The resource types served, and the search parameters each answers beside the common ones (<see cref="FhirQuery.Common"/>).</summary>
public static class FhirResourceTypes
{
    public const string Patient = "Patient";
    public const string Observation = "Observation";
    public const string Device = "Device";
    public const string Encounter = "Encounter";
    public const string Flag = "Flag";
    public const string RiskAssessment = "RiskAssessment";
    public const string Group = "Group";

    public static IReadOnlyDictionary<string, string[]> SearchParameters { get; } = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        [Patient] = [],
        [Observation] = ["patient", "subject", "code", "date", "_sort"],
        [Device] = ["patient"],
        [Encounter] = ["patient", "subject", "date"],
        [Flag] = ["patient", "subject", "date"],
        [RiskAssessment] = ["patient", "subject", "date"],
        [Group] = [],
    };

    /// <summary>What a patient's record holds: the types an $export or $everything gathers.</summary>
    public static readonly string[] PatientCompartment = [Patient, Observation, Device, Encounter, Flag, RiskAssessment];
}
