using R4 = Hl7.Fhir.Model;

namespace Fajma.Server.Fhir;

/// <summary>Errors as FHIR clients read them: an OperationOutcome naming what was wrong, with the HTTP status.</summary>
public static class FhirOutcomes
{
    public static IResult Outcome(int statusCode, R4.OperationOutcome.IssueType code, string diagnostics, string? expression = null) =>
        FhirJson.Result(new R4.OperationOutcome
        {
            Issue =
            [
                new R4.OperationOutcome.IssueComponent
                {
                    Severity = R4.OperationOutcome.IssueSeverity.Error,
                    Code = code,
                    Diagnostics = diagnostics,
                    Expression = expression is null ? [] : [expression],
                },
            ],
        }, statusCode);

    /// <summary>Unknown and not visible answer alike: the caller learns nothing about what they may not see.</summary>
    public static IResult NotFound(string type, string id) =>
        Outcome(StatusCodes.Status404NotFound, R4.OperationOutcome.IssueType.NotFound, $"{type}/{id} is not known");

    public static IResult UnknownType(string type) =>
        Outcome(StatusCodes.Status404NotFound, R4.OperationOutcome.IssueType.NotSupported, $"resource type '{type}' is not served here (see /fhir/R4/metadata)");

    public static IResult BadParameter(FhirParameterError error) =>
        Outcome(StatusCodes.Status400BadRequest, error.Unknown ? R4.OperationOutcome.IssueType.NotSupported : R4.OperationOutcome.IssueType.Invalid,
            $"{error.Parameter}: {error.Message}", error.Parameter);
}
