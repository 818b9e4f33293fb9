namespace Fajma.Core.Fhir;

/// <summary>The comparison prefixes of a FHIR date search this server answers (eq when none is written).</summary>
public enum FhirDatePrefix
{
    Eq,
    Ge,
    Gt,
    Le,
    Lt,
}
