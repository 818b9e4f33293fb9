using System.Net;
using System.Reflection;
using Fajma.Core.Consultations;
using Fajma.Server.Consultations;
using Fajma.Server.Live;
using Fajma.Server.Monitoring;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Caller = Fajma.Server.Tests.AuthorizationMatrixTests.Caller;
using World = Fajma.Server.Tests.AuthorizationMatrixTests.World;

namespace Fajma.Server.Tests;

/// <summary>
/// Every hub method × every signed-in caller. The method list comes from the hubs the app maps (HubMetadata),
/// so a new hub method without a row fails <see cref="EveryHubMethodHasARow"/>. Anonymous callers cannot connect at all.
/// </summary>
public sealed class HubAuthorizationMatrixTests(World world) : IClassFixture<World>
{
    private const bool Y = true;
    private const bool N = false;

    /// <summary>A row: the hub, the state the consultation must be in first, the call, and who may make it (patient A, patient B, doctor of A, other doctor, admin, follower of A — live only, as A shares both vitals and alerts).</summary>
    private sealed record Row(string Hub, ConsultationState? Needs, Func<HubConnection, World, int, Task> Invoke, bool[] Allowed);

    private static readonly Dictionary<string, Row> s_matrix = new()
    {
        ["MonitoringHub.SubscribePatient"] = new(LiveExtensions.HubPath, null, (h, w, _) => h.InvokeAsync("SubscribePatient", w.PatientA), [Y, N, Y, N, N, Y]),
        // Leaving a stream or a room one never joined reveals nothing: harmless for anyone signed in.
        ["MonitoringHub.UnsubscribePatient"] = new(LiveExtensions.HubPath, null, (h, w, _) => h.InvokeAsync("UnsubscribePatient", w.PatientA), [Y, Y, Y, Y, Y, Y]),
        ["ConsultationHub.JoinConsultation"] = Room(ConsultationState.Scheduled, "JoinConsultation", [Y, N, Y, N, N, N]),
        ["ConsultationHub.LeaveConsultation"] = new(ConsultationsExtensions.HubPath, ConsultationState.Scheduled, (h, _, id) => h.InvokeAsync("LeaveConsultation", id), [Y, Y, Y, Y, Y, Y]),
        ["ConsultationHub.StartConsultation"] = Room(ConsultationState.Scheduled, "StartConsultation", [N, N, Y, N, N, N]),
        ["ConsultationHub.AcceptConsultation"] = Room(ConsultationState.Connecting, "AcceptConsultation", [Y, N, N, N, N, N]),
        ["ConsultationHub.BeginConsultation"] = Room(ConsultationState.IotSync, "BeginConsultation", [N, N, Y, N, N, N]),
        ["ConsultationHub.PauseConsultation"] = Room(ConsultationState.Active, "PauseConsultation", [N, N, Y, N, N, N]),
        ["ConsultationHub.ResumeConsultation"] = Room(ConsultationState.Paused, "ResumeConsultation", [N, N, Y, N, N, N]),
        ["ConsultationHub.StartRecording"] = Room(ConsultationState.Active, "StartRecording", [N, N, Y, N, N, N]),
        ["ConsultationHub.StopRecording"] = Room(ConsultationState.Recording, "StopRecording", [N, N, Y, N, N, N]),
        ["ConsultationHub.RequestRecordingConsent"] = Room(ConsultationState.Active, "RequestRecordingConsent", [N, N, Y, N, N, N]),
        ["ConsultationHub.AnswerRecordingConsent"] = new(ConsultationsExtensions.HubPath, ConsultationState.Active,
            (h, _, id) => h.InvokeAsync<ConsultationDto>("AnswerRecordingConsent", id, true), [Y, N, N, N, N, N]),
        ["ConsultationHub.EndConsultation"] = new(ConsultationsExtensions.HubPath, ConsultationState.Active,
            (h, _, id) => h.InvokeAsync<ConsultationDto>("EndConsultation", id, "note"), [N, N, Y, N, N, N]),
        ["ConsultationHub.SendChatMessage"] = new(ConsultationsExtensions.HubPath, ConsultationState.Scheduled,
            (h, _, id) => h.InvokeAsync<ChatMessageDto>("SendChatMessage", id, Guid.NewGuid(), "hello"), [Y, N, Y, N, N, N]),
        ["ConsultationHub.GetChatSince"] = new(ConsultationsExtensions.HubPath, ConsultationState.Scheduled,
            (h, _, id) => h.InvokeAsync<List<ChatMessageDto>>("GetChatSince", id, 0L), [Y, N, Y, N, N, N]),
        ["ConsultationHub.MarkChatRead"] = new(ConsultationsExtensions.HubPath, ConsultationState.Scheduled, (h, _, id) => h.InvokeAsync("MarkChatRead", id, 0L), [Y, N, Y, N, N, N]),
        ["ConsultationHub.SendDeviceCommand"] = new(ConsultationsExtensions.HubPath, ConsultationState.Active,
            (h, _, id) => h.InvokeAsync<List<DeviceReadinessDto>>("SendDeviceCommand", id, "request_sensor_data", (string?)null), [N, N, Y, N, N, N]),
        ["ConsultationHub.SetAlertThreshold"] = new(ConsultationsExtensions.HubPath, ConsultationState.Scheduled,
            (h, _, id) => h.InvokeAsync<AlertThresholdDto>("SetAlertThreshold", id, "heart_rate", (double?)50, (double?)120), [N, N, Y, N, N, N]),
        // Signaling needs the caller in the room: the cell joins first (refused for outsiders), then signals.
        ["ConsultationHub.SendSignal"] = new(ConsultationsExtensions.HubPath, ConsultationState.IotSync, async (h, _, id) =>
        {
            try { await h.InvokeAsync<ConsultationSnapshot>("JoinConsultation", id); } catch (HubException) { }
            await h.InvokeAsync("SendSignal", id, "offer", "{}");
        }, [Y, N, Y, N, N, N]),
    };

    private static Row Room(ConsultationState needs, string method, bool[] allowed) =>
        new(ConsultationsExtensions.HubPath, needs, (h, _, id) => h.InvokeAsync<object>(method, id), allowed);

    [Fact]
    public void EveryHubMethodHasARow()
    {
        var hubs = world.Host.App.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .SelectMany(e => e.Metadata.GetOrderedMetadata<HubMetadata>()).Select(m => m.HubType).Distinct().ToList();
        var methods = hubs.SelectMany(h => h.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName && !m.IsVirtual).Select(m => $"{h.Name}.{m.Name}")).ToList();

        Assert.Equal(2, hubs.Count);
        var missing = methods.Where(m => !s_matrix.ContainsKey(m)).ToList();
        Assert.True(missing.Count == 0, "hub methods without a row in the authorization matrix:\n" + string.Join('\n', missing));
    }

    public static TheoryData<string, Caller> Cells()
    {
        var data = new TheoryData<string, Caller>();
        foreach (var method in s_matrix.Keys)
            foreach (var caller in Enum.GetValues<Caller>().Where(c => c != Caller.Anonymous)) data.Add(method, caller);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task EachCallerMayInvokeHubMethodsOnlyAsDesigned(string method, Caller caller)
    {
        var row = s_matrix[method];
        var consultation = row.Needs is { } state ? await world.ConsultationInAsync(state) : 0;
        await using var hub = new HubConnectionBuilder().WithUrl(new Uri(world.Host.Url, row.Hub),
            o => o.AccessTokenProvider = () => Task.FromResult(world.Tokens[caller])).Build();
        await hub.StartAsync();

        if (row.Allowed[(int)caller - 1]) await row.Invoke(hub, world, consultation);
        else await Assert.ThrowsAsync<HubException>(() => row.Invoke(hub, world, consultation));
    }

    [Theory]
    [InlineData("/hubs/monitoring")]
    [InlineData("/hubs/consultation")]
    public async Task AnonymousCannotOpenAHub(string path)
    {
        await using var hub = new HubConnectionBuilder().WithUrl(new Uri(world.Host.Url, path)).Build();

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => hub.StartAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }
}
