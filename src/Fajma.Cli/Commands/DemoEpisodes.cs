using Fajma.Devices.Simulation;
using Fajma.Server.Demo;
using Fajma.Server.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Fajma.Cli.Commands;

/// <summary>
/// <c>POST /api/v1/demo/episodes</c>, in the demo only (never in <c>fajma serve</c>): a signed-in doctor or admin starts
/// an abnormal episode on a demo patient's simulated device, to show alerts on demand (and for the browser tests):
/// tachycardia, desaturation or fever on the ESP32 monitor, poor contact on the cuff (whose standard messages carry
/// a quality; the ESP32's flat JSON has none).
/// </summary>
internal static class DemoEpisodes
{
    public sealed record EpisodeRequest(int PatientId, string Kind, double? Seconds);

    public static void MapDemoEpisodes(this IEndpointRouteBuilder app, IReadOnlyList<DemoDevice> devices, Func<string, SimulatedDevice?> simulated)
    {
        app.MapPost("/api/v1/demo/episodes", (EpisodeRequest request, CurrentUser user) => Start(request, user, devices, simulated))
            .RequireAuthorization().WithTags("Demo").WithSummary("Demo only: starts a tachycardia, desaturation, fever or poor_contact episode on a demo patient's device.");
    }

    private static Results<NoContent, ValidationProblem, ForbidHttpResult> Start(EpisodeRequest request, CurrentUser user, IReadOnlyList<DemoDevice> devices,
        Func<string, SimulatedDevice?> simulated)
    {
        if (!user.IsDoctor && !user.IsAdmin) return TypedResults.Forbid();
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
