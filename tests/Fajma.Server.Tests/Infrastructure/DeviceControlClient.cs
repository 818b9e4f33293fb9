using System.Net.Http.Json;
using System.Threading.Channels;
using Fajma.Server.Devices.Control;
using Fajma.Server.Live;
using Microsoft.AspNetCore.SignalR.Client;

namespace Fajma.Server.Tests.Infrastructure;

/// <summary>Control and calibration as a doctor's browser does them: the REST routes, and the hub's <c>deviceCommand</c> events.</summary>
internal static class DeviceControlClient
{
    public static async Task<HttpResponseMessage> ControlAsync(HttpClient client, string deviceId, object body, string? key = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/iot/sensors/{deviceId}/control/") { Content = JsonContent.Create(body) };
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        return await client.SendAsync(request);
    }

    public static async Task<HttpResponseMessage> CalibrateAsync(HttpClient client, string deviceId, object body, string? key = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/iot/sensors/{deviceId}/calibrate/") { Content = JsonContent.Create(body) };
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        return await client.SendAsync(request);
    }

    /// <summary>The command a 202 (or a repeated key's 200) answered with.</summary>
    public static async Task<DeviceCommandDto> CommandOf(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<DeviceCommandDto>())!;
    }

    public static async Task<DeviceCommandDto> GetAsync(HttpClient client, Guid commandId) =>
        (await client.GetFromJsonAsync<DeviceCommandDto>($"/api/v1/iot/commands/{commandId}"))!;

    /// <summary>A hub connection subscribed to the patient; every <c>deviceCommand</c> event arrives on the channel.</summary>
    public static async Task<(HubConnection Hub, ChannelReader<DeviceCommandDto> Commands)> WatchAsync(FajmaHost host, int patientId)
    {
        var channel = Channel.CreateUnbounded<DeviceCommandDto>();
        var hub = new HubConnectionBuilder().WithUrl(new Uri(host.Url, LiveExtensions.HubPath),
            o => o.AccessTokenProvider = () => Task.FromResult<string?>(host.DoctorToken)).Build();
        hub.On<DeviceCommandDto>(DeviceControlChannels.HubEvent, c => channel.Writer.TryWrite(c));
        await hub.StartAsync();
        await hub.InvokeAsync("SubscribePatient", patientId);
        return (hub, channel.Reader);
    }

    /// <summary>The event saying <paramref name="commandId"/> reached <paramref name="status"/>.</summary>
    public static Task<DeviceCommandDto> StatusAsync(ChannelReader<DeviceCommandDto> events, Guid commandId, string status) =>
        Wait.ForAsync(events, c => c.Id == commandId && c.Status == status, $"deviceCommand {status} for {commandId}");
}
