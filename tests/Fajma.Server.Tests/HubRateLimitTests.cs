using System.Net.Http.Json;
using Fajma.Server.Consultations;
using Fajma.Server.Live;
using Fajma.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Fajma.Server.Tests;

/// <summary>
/// Hub calls are limited per user under the default limits (a token bucket over both hubs): a flood far above
/// them is refused with a HubException that says so, while real use — a call's ICE burst, fast chat, a board
/// subscribing to its care team — passes.
/// </summary>
public sealed class HubRateLimitTests(ConsultationClinic clinic) : IClassFixture<ConsultationClinic>
{
    /// <summary>Six times the default burst of 500, sent at once.</summary>
    private const int Flood = 3000;

    private FajmaHost Host => clinic.Host;

    /// <summary>Every call at once; how many passed, and the message of each refusal.</summary>
    private static async Task<(int Passed, List<string> Refusals)> AllAtOnceAsync(int calls, Func<int, Task> call)
    {
        var outcomes = await Task.WhenAll(Enumerable.Range(0, calls).Select(async i =>
        {
            try
            {
                await call(i);
                return null;
            }
            catch (HubException e)
            {
                return e.Message;
            }
        }));
        return (outcomes.Count(o => o is null), [.. outcomes.OfType<string>()]);
    }

    private static void AssertRefusedAsRateLimited((int Passed, List<string> Refusals) flood)
    {
        // The bucket refills 50 a second while the flood is served: a third refused holds even on a slow machine.
        Assert.True(flood.Refusals.Count >= Flood / 3, $"only {flood.Refusals.Count} of {Flood} calls refused");
        Assert.True(flood.Passed >= 400, $"only {flood.Passed} calls passed before the limit"); // the burst, less the calls made before
        Assert.All(flood.Refusals, m => Assert.Contains("rate limited", m, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AFloodOfSignalsFarAboveTheLimitIsRefusedAsRateLimitedWhileTheOtherSidesIceBurstAndChatPass()
    {
        var (patientId, _, _, patientToken) = await clinic.PatientWithTwoDevicesAsync();
        var scheduled = await Host.Http.PostAsJsonAsync("/api/v1/consultations", new ScheduleConsultationRequest(patientId, DateTimeOffset.UtcNow.AddMinutes(1), "limits"));
        var id = (await scheduled.Content.ReadFromJsonAsync<ConsultationDto>())!.Id;
        await using var doctor = await ConsultationClient.ConnectAsync(Host.Url, Host.DoctorToken);
        await using var patient = await ConsultationClient.ConnectAsync(Host.Url, patientToken);
        await patient.JoinAsync(id);
        await doctor.JoinAsync(id);
        await doctor.DoAsync("StartConsultation", id);
        await patient.DoAsync("AcceptConsultation", id); // admitted: signaling is open

        var flooding = AllAtOnceAsync(Flood, i => patient.Hub.InvokeAsync("SendSignal", id, "ice", $"{{\"candidate\":\"flood {i}\"}}"));
        var iceBurst = AllAtOnceAsync(80, i => doctor.Hub.InvokeAsync("SendSignal", id, "ice", $"{{\"candidate\":\"doctor {i}\"}}"));
        var chat = AllAtOnceAsync(30, i => doctor.SayAsync(id, $"typing fast {i}"));
        var flood = await flooding;

        AssertRefusedAsRateLimited(flood);
        Assert.Equal((80, 30), ((await iceBurst).Passed, (await chat).Passed));
        var heard = 0;
        await Wait.ForAsync(patient.Signals.Reader, s => s.Payload.Contains("doctor", StringComparison.Ordinal) && ++heard == 80, "all 80 of the doctor's ICE candidates");
        string[] labels = ["hub=\"ConsultationHub\"", "method=\"SendSignal\"", "reason=\"rate_limited\""]; // in any order, beside node's
        await Wait.UntilAsync(async () => (await Host.Http.GetStringAsync("/metrics")).Split('\n')
            .Any(l => l.StartsWith("fajma_hubs_invocations_refused_total{", StringComparison.Ordinal) && labels.All(x => l.Contains(x, StringComparison.Ordinal))
                && l.EndsWith($"}} {flood.Refusals.Count}", StringComparison.Ordinal)),
            "every refused signal counted at /metrics");
    }

    [Fact]
    public async Task AFloodOfSubscriptionCallsFarAboveTheLimitIsRefusedWhileACentralStationSubscribingToItsWardPasses()
    {
        var (patientId, _) = await Host.RegisterPatientWithDeviceAsync();
        await using var flooder = new HubConnectionBuilder().WithUrl(new Uri(Host.Url, LiveExtensions.HubPath),
            o => o.AccessTokenProvider = () => Task.FromResult<string?>(clinic.OtherDoctorToken)).Build();
        await flooder.StartAsync();
        var (board, _) = await Host.WatchAsync(patientId);
        await using var _ = board;

        // Subscriptions have a budget of their own (5,000 at once): a flood must go well past it to be refused.
        var flood = AllAtOnceAsync(4 * Flood + 5000, _ => flooder.InvokeAsync("UnsubscribePatient", patientId));
        var subscriptions = AllAtOnceAsync(1000, _ => board.InvokeAsync("SubscribePatient", patientId)); // a ward of 1,000, as a station subscribes on connect

        AssertRefusedAsRateLimited(await flood);
        Assert.Equal(1000, (await subscriptions).Passed);
    }
}
