using Fajma.Devices.Simulation;
using Fajma.Server.Demo;
using Fajma.Server.Identity;
using Fajma.Server.Patients;
using Fajma.Server.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Fajma.Cli.Commands;

/// <summary>
/// <c>POST /api/v1/demo/episodes</c>, in the demo only (never in <c>fajma serve</c>): a doctor starts an abnormal
/// episode on the simulated device of a demo patient of their care team, to show alerts on demand (and for the browser tests):
/// tachycardia, desaturation or fever on the ESP32 monitor, poor contact on the cuff (whose standard messages carry
/// a quality; the ESP32's flat JSON has none).
/// </summary>
internal static class DemoEpisodes
{
    public sealed record EpisodeRequest(int PatientId, string Kind, double? Seconds);

    public static void MapDemoEpisodes(this IEndpointRouteBuilder app, IReadOnlyList<DemoDevice> devices, Func<string, SimulatedDevice?> simulated)
    {
        app.MapPost("/api/v1/demo/episodes", (EpisodeRequest request, CurrentUser user, FajmaDbContext db, CancellationToken cancellationToken) =>
                StartAsync(request, user, db, devices, simulated, cancellationToken))
            .RequireAuthorization().WithTags("Demo").WithSummary("Demo only: starts a tachycardia, desaturation, fever or poor_contact episode on a demo patient's device.");
    }

    /// <summary>Only for a patient the caller may see (a doctor of their care team): 404 otherwise, as for every patient route.</summary>
    private static async Task<Results<NoContent, ValidationProblem, NotFound, ForbidHttpResult>> StartAsync(EpisodeRequest request, CurrentUser user,
        FajmaDbContext db, IReadOnlyList<DemoDevice> devices, Func<string, SimulatedDevice?> simulated, CancellationToken cancellationToken)
    {
        if (!user.IsDoctor) return TypedResults.Forbid();
        if (!await db.CanSeeAsync(user, request.PatientId, cancellationToken)) return TypedResults.NotFound();
        if (!Enum.TryParse<EpisodeKind>(request.Kind?.Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out var kind)
            || kind == EpisodeKind.None || !Enum.IsDefined(kind))
            return Invalid("kind", "must be tachycardia, desaturation, fever or poor_contact");
        var onMonitor = kind != EpisodeKind.PoorContact;
        var monitor = devices.FirstOrDefault(d => d.PatientId == request.PatientId && d.UsesMqtt == onMonitor);
        if (monitor is null) return Invalid("patientId", $"patient {request.PatientId} has no simulated {(onMonitor ? "monitor" : "cuff")} in this demo");
        if (simulated(monitor.Id) is not { } device) return Invalid("patientId", "the demo's devices are still starting; try again in a second");
        device.Generator.StartEpisode(kind, request.Seconds is > 10 and < 600 ? request.Seconds.Value : 90);
        return TypedResults.NoContent();
    }

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });
}
