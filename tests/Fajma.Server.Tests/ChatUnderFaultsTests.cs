using Fajma.Server.Platform;
using System.Collections.Concurrent;
using System.Net.Http.Json;
using Fajma.Server.Consultations;
using Fajma.Server.Identity;
using Fajma.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Fajma.Server.Tests;

/// <summary>
/// 1,000 chat messages while every connection is reset through a TCP proxy (every two seconds and every hundred
/// messages) and the server itself is restarted halfway: nothing lost, nothing doubled, order kept — at the
/// server and at the other side.
/// </summary>
public sealed class ChatUnderFaultsTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Messages = 1000;

    private readonly int _port = LoopbackPorts.Free();
    private TestDatabase _database = null!;
    private FajmaHost _host = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.SqliteAsync();
        _host = await StartAsync();
    }

    private Task<FajmaHost> StartAsync() => FajmaHost.StartAsync(_database, $"--Urls=http://127.0.0.1:{_port}");

    [Fact]
    public async Task ConnectionResetsAndAServerRestartLoseNothingAndDoubleNothing()
    {
        var (patientId, _) = await _host.RegisterPatientWithDeviceAsync();
        await _host.CreateAccountAsync("faults-patient@test.fajma", Roles.Patient, FajmaHost.Password, patientId);
        var patientToken = await _host.TokenAsync("faults-patient@test.fajma", FajmaHost.Password);
        var scheduled = await _host.Http.PostAsJsonAsync("/api/v1/consultations", new ScheduleConsultationRequest(patientId, DateTimeOffset.UtcNow.AddMinutes(1), "faults"));
        var id = (await scheduled.Content.ReadFromJsonAsync<ConsultationDto>())!.Id;

        await using var proxy = new ResettingProxy(_port);
        await using var sender = await RoomClient.ConnectAsync(proxy.Url, _host.DoctorToken, id);
        await using var receiver = await RoomClient.ConnectAsync(proxy.Url, patientToken, id);
        using var stopResets = new CancellationTokenSource();
        var resets = Task.Run(async () =>
        {
            while (!stopResets.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(2), stopResets.Token).ContinueWith(_ => { });
                if (!stopResets.IsCancellationRequested) proxy.ResetAll();
            }
        });

        var clientIds = Enumerable.Range(0, Messages).Select(_ => Guid.NewGuid()).ToArray();
        for (var i = 0; i < Messages; i++)
        {
            if (i % 100 == 50) proxy.ResetAll(); // besides the timer's, so a fast machine gets its share of resets too
            if (i == Messages / 2)
            {
                await _host.StopKeepingDataAsync(); // a server restart mid-conversation
                _host = await StartAsync();
            }
            await sender.SendUntilAcknowledgedAsync(id, clientIds[i], $"message {i:D4}");
        }
        await stopResets.CancelAsync();
        await resets;
        await receiver.CatchUpAsync(id, Messages);

        var stored = await _host.QueryAsync(db => db.ChatMessages.Where(m => m.ConsultationId == id).OrderBy(m => m.Sequence)
            .Select(m => new { m.Sequence, m.ClientMessageId }).ToListAsync());
        output.WriteLine($"{proxy.Resets} resets, {sender.Retries} resends, {sender.Reconnects + receiver.Reconnects} reconnects, 1 server restart");
        Assert.True(proxy.Resets >= Messages / 100, $"only {proxy.Resets} resets happened");
        Assert.Equal(Enumerable.Range(1, Messages).Select(n => (long)n), stored.Select(m => m.Sequence));   // none lost, none doubled
        Assert.Equal(clientIds, stored.Select(m => m.ClientMessageId));                                   // in the order sent
        var received = receiver.Received.Values.OrderBy(m => m.Sequence).ToList();
        Assert.Equal(Enumerable.Range(0, Messages).Select(i => $"message {i:D4}"), received.Select(m => m.Text)); // the other side has them all, in order, once
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    /// <summary>A room client as the web app behaves: reconnects forever, rejoins, resyncs from the last sequence it holds without a gap, resends by client message id.</summary>
    private sealed class RoomClient : IAsyncDisposable
    {
        private readonly HubConnection _hub;
        private readonly int _consultationId;

        private RoomClient(HubConnection hub, int consultationId)
        {
            _hub = hub;
            _consultationId = consultationId;
        }

        public ConcurrentDictionary<long, ChatMessageDto> Received { get; } = new();

        public int Retries { get; private set; }

        public int Reconnects { get; private set; }

        public static async Task<RoomClient> ConnectAsync(Uri url, string token, int consultationId)
        {
            var hub = new HubConnectionBuilder()
                .WithUrl(new Uri(url, ConsultationsExtensions.HubPath), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
                .WithAutomaticReconnect(new Forever())
                .WithStatefulReconnect()
                .Build();
            var client = new RoomClient(hub, consultationId);
            hub.On<ChatMessageDto>(ConsultationEvents.ChatMessage, m => client.Received.TryAdd(m.Sequence, m));
            hub.Reconnected += async _ =>
            {
                client.Reconnects++;
                await client.RejoinAsync();
            };
            await hub.StartAsync();
            await client.RejoinAsync();
            return client;
        }

        /// <summary>Joins (again) and fetches what was missed while away.</summary>
        private async Task RejoinAsync()
        {
            try
            {
                await _hub.InvokeAsync<ConsultationSnapshot>("JoinConsultation", _consultationId);
                // From the highest sequence held without a gap, as the web app resumes (room/chat.ts): a live message that
                // arrives between the join and this read must not make the ones sent while away look received.
                var after = 0L;
                while (Received.ContainsKey(after + 1)) after++;
                foreach (var m in await _hub.InvokeAsync<List<ChatMessageDto>>("GetChatSince", _consultationId, after)) Received.TryAdd(m.Sequence, m);
            }
            catch (Exception e) when (e is HttpRequestException or InvalidOperationException or IOException or TaskCanceledException or Microsoft.AspNetCore.SignalR.HubException)
            {
                // Dropped again mid-rejoin: the next reconnect rejoins.
            }
        }

        public async Task SendUntilAcknowledgedAsync(int consultationId, Guid clientMessageId, string text)
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (true)
            {
                try
                {
                    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                    await _hub.InvokeAsync<ChatMessageDto>("SendChatMessage", consultationId, clientMessageId, text, timeout.Token);
                    return;
                }
                catch (Exception e) when (e is HttpRequestException or InvalidOperationException or IOException or OperationCanceledException
                                               || (e is Microsoft.AspNetCore.SignalR.HubException && DateTime.UtcNow < deadline))
                {
                    if (DateTime.UtcNow > deadline) throw new TimeoutException($"'{text}' not acknowledged within 60 s", e);
                    Retries++;
                    await Task.Delay(100); // the connection is being re-established
                }
            }
        }

        /// <summary>Waits until every message has arrived, resyncing as a client does after a gap.</summary>
        public async Task CatchUpAsync(int consultationId, int count)
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (Received.Count < count && DateTime.UtcNow < deadline)
            {
                await RejoinAsync();
                if (Received.Count < count) await Task.Delay(200);
            }
        }

        public ValueTask DisposeAsync() => _hub.DisposeAsync();

        private sealed class Forever : IRetryPolicy
        {
            public TimeSpan? NextRetryDelay(RetryContext retryContext) => TimeSpan.FromMilliseconds(Math.Min(1000, 100 * (retryContext.PreviousRetryCount + 1)));
        }
    }
}
