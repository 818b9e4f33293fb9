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

    /// <summary>Export jobs live in the memory of the node that started them: a poll elsewhere, after a restart or after expiry finds nothing.</summary>
    public static IResult ExportNotHere(Guid job) =>
        Outcome(StatusCodes.Status404NotFound, R4.OperationOutcome.IssueType.NotFound,
            $"export {job} is not known on this node: an export lives on the node that started it until an hour after it finishes, and is " +
            "the requester's only. Poll the node that answered the kick-off (sticky sessions), or start the export again.");

    public static IResult UnknownType(string type) =>
        Outcome(StatusCodes.Status404NotFound, R4.OperationOutcome.IssueType.NotSupported, $"resource type '{type}' is not served here (see /fhir/R4/metadata)");

    public static IResult BadParameter(FhirParameterError error) =>
        Outcome(StatusCodes.Status400BadRequest, error.Unknown ? R4.OperationOutcome.IssueType.NotSupported : R4.OperationOutcome.IssueType.Invalid,
            $"{error.Parameter}: {error.Message}", error.Parameter);
}
