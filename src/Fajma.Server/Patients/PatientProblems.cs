using Microsoft.AspNetCore.Http.HttpResults;

namespace Fajma.Server.Patients;

public static class PatientProblems
{
    public static ProblemHttpResult NotFound(int patientId) =>
        TypedResults.Problem(title: "Patient not found", detail: $"patient {patientId} does not exist", statusCode: StatusCodes.Status404NotFound);
}
