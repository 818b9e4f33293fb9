namespace Fajma.Server.Fhir;

/// <summary>What is wrong with one search parameter; <see cref="Unknown"/>: the server does not answer it at all.</summary>
public sealed record FhirParameterError(string Parameter, string Message, bool Unknown = false);
