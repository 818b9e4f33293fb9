using System.Threading.Channels;
using Fajma.Server.Consultations;
using Microsoft.AspNetCore.SignalR.Client;

namespace Fajma.Server.Tests.Infrastructure;

/// <summary>A real SignalR client of <c>/hubs/consultation</c> with every server event on a channel, as the web app listens.</summary>
internal sealed class ConsultationClient : IAsyncDisposable
{
    private ConsultationClient(HubConnection hub) => Hub = hub;

    public HubConnection Hub { get; }

    public Channel<InviteEvent> Invites { get; } = Channel.CreateUnbounded<InviteEvent>();

    public Channel<StateChangedEvent> States { get; } = Channel.CreateUnbounded<StateChangedEvent>();

    public Channel<IotSyncCompleteEvent> IotSync { get; } = Channel.CreateUnbounded<IotSyncCompleteEvent>();

    public Channel<ChatMessageDto> Chat { get; } = Channel.CreateUnbounded<ChatMessageDto>();

    public Channel<SignalEvent> Signals { get; } = Channel.CreateUnbounded<SignalEvent>();

    public Channel<RecordingConsentEvent> Consents { get; } = Channel.CreateUnbounded<RecordingConsentEvent>();

    public static async Task<ConsultationClient> ConnectAsync(Uri server, string token, Action<IHubConnectionBuilder>? configure = null)
    {
        var builder = new HubConnectionBuilder().WithUrl(new Uri(server, ConsultationsExtensions.HubPath),
            o => o.AccessTokenProvider = () => Task.FromResult<string?>(token));
        configure?.Invoke(builder);
        var client = new ConsultationClient(builder.Build());
        client.Hub.On<InviteEvent>(ConsultationEvents.Invite, e => client.Invites.Writer.TryWrite(e));
        client.Hub.On<StateChangedEvent>(ConsultationEvents.StateChanged, e => client.States.Writer.TryWrite(e));
        client.Hub.On<IotSyncCompleteEvent>(ConsultationEvents.IotSyncComplete, e => client.IotSync.Writer.TryWrite(e));
        client.Hub.On<ChatMessageDto>(ConsultationEvents.ChatMessage, e => client.Chat.Writer.TryWrite(e));
        client.Hub.On<SignalEvent>(ConsultationEvents.Signal, e => client.Signals.Writer.TryWrite(e));
        client.Hub.On<RecordingConsentEvent>(ConsultationEvents.RecordingConsentChanged, e => client.Consents.Writer.TryWrite(e));
        await client.Hub.StartAsync();
        return client;
    }

    public Task<ConsultationSnapshot> JoinAsync(int consultationId) => Hub.InvokeAsync<ConsultationSnapshot>("JoinConsultation", consultationId);

    public Task<ConsultationDto> DoAsync(string method, int consultationId) => Hub.InvokeAsync<ConsultationDto>(method, consultationId);

    public Task<ChatMessageDto> SayAsync(int consultationId, string text, Guid? clientMessageId = null) =>
        Hub.InvokeAsync<ChatMessageDto>("SendChatMessage", consultationId, clientMessageId ?? Guid.NewGuid(), text);

    public ValueTask DisposeAsync() => Hub.DisposeAsync();
}
