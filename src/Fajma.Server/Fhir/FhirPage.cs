using R4 = Hl7.Fhir.Model;

namespace Fajma.Server.Fhir;

/// <summary>One page of a search: the resources, how many match in all, and whose records they are (for the audit).</summary>
public sealed record FhirPage(IReadOnlyList<R4.Resource> Resources, int Total, IReadOnlySet<int> PatientIds);
