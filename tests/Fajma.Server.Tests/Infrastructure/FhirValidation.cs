using Firely.Fhir.Validation;
using Hl7.Fhir.Specification.Source;
using Hl7.Fhir.Specification.Terminology;
using R4 = Hl7.Fhir.Model;

namespace Fajma.Server.Tests.Infrastructure;

/// <summary>
/// The Firely validator over the R4 specification's StructureDefinitions (specification.zip, shipped beside the tests
/// by Hl7.Fhir.Specification.Data.R4: offline). One per test run: compiling the schemas is the slow part.
/// </summary>
public static class FhirValidation
{
    private static readonly Lazy<Validator> s_validator = new(() =>
    {
        var source = new CachedResolver(ZipSource.CreateValidationSource());
        return new Validator(source, new LocalTerminologyService(source));
    });

    private static readonly object s_gate = new();

    /// <summary>The errors (not warnings) of <paramref name="resource"/> against its base definition, or the given profile.</summary>
    public static IReadOnlyList<string> Errors(R4.Resource resource, string? profile = null)
    {
        R4.OperationOutcome outcome;
        lock (s_gate) outcome = s_validator.Value.Validate(resource, profile ?? $"http://hl7.org/fhir/StructureDefinition/{resource.TypeName}");
        return [.. outcome.Issue
            .Where(i => i.Severity is R4.OperationOutcome.IssueSeverity.Error or R4.OperationOutcome.IssueSeverity.Fatal)
            .Where(i => !EmptyProbability(i, resource))
            .Select(i => $"{resource.TypeName}/{resource.Id} {string.Join(",", i.Expression)}: {i.Details?.Text ?? i.Diagnostics}")];
    }

    /// <summary>
    /// ras-2 reads <c>probability is decimal implies (probability as decimal) &lt;= 100</c>: with no probability (NEWS2
    /// gives a risk band, not a probability) the expression is empty, which Firely counts as failed. Only that case is let through.
    /// </summary>
    private static bool EmptyProbability(R4.OperationOutcome.IssueComponent issue, R4.Resource resource) =>
        $"{issue.Diagnostics} {issue.Details?.Text}".Contains("ras-2", StringComparison.Ordinal)
        && Flatten(resource).OfType<R4.RiskAssessment>().All(r => r.Prediction.All(p => p.Probability is null));

    private static IEnumerable<R4.Resource> Flatten(R4.Resource resource) =>
        resource is R4.Bundle bundle ? bundle.Entry.Select(e => e.Resource!) : [resource];

    /// <summary>Valid against its base type and every profile it claims (the vital-signs profiles for an Observation).</summary>
    public static void AssertValid(R4.Resource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var errors = Errors(resource).Concat(resource.Meta?.Profile.SelectMany(p => Errors(resource, p)) ?? []).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }
}
