using System.Net;
using System.Net.Http.Json;
using Fajma.Server.Consultations;
using Fajma.Server.Identity;
using Fajma.Server.Live;
using Fajma.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Fajma.Server.Tests;

/// <summary>A third participant joins with a single-use, expiring link: chat and video, vitals only when the doctor allows.</summary>
public sealed class GuestTests(ConsultationClinic clinic) : IClassFixture<ConsultationClinic>
{
    private FajmaHost Host => clinic.Host;

    private async Task<(int ConsultationId, int PatientId, GuestInviteDto Invite)> InviteAsync(bool allowVitals = false, int? minutes = null)
    {
        var (patientId, _, _, _) = await clinic.PatientWithTwoDevicesAsync();
        var scheduled = await Host.Http.PostAsJsonAsync("/api/v1/consultations", new ScheduleConsultationRequest(patientId, DateTimeOffset.UtcNow.AddMinutes(5), "with interpreter"));
        var id = (await scheduled.Content.ReadFromJsonAsync<ConsultationDto>())!.Id;
        var invited = await Host.Http.PostAsJsonAsync($"/api/v1/consultations/{id}/guests", new GuestInviteRequest("Fatou (interprète)", allowVitals, minutes));
        Assert.Equal(HttpStatusCode.Created, invited.StatusCode);
        return (id, patientId, (await invited.Content.ReadFromJsonAsync<GuestInviteDto>())!);
    }

    private async Task<HttpResponseMessage> RedeemAsync(string token)
    {
        using var anonymous = new HttpClient { BaseAddress = Host.Url };
        return await anonymous.PostAsJsonAsync("/api/v1/consultations/guests/redeem", new RedeemGuestRequest(token));
    }

    private async Task<string> GuestTokenAsync(string token)
    {
        var redeemed = await RedeemAsync(token);
        Assert.Equal(HttpStatusCode.OK, redeemed.StatusCode);
        return (await redeemed.Content.ReadFromJsonAsync<TokenResponse>())!.AccessToken;
    }

    [Fact]
    public async Task TheLinkWorksOnceAndTheGuestChatsButDrivesNothing()
    {
        var (id, _, invite) = await InviteAsync();

        var guestToken = await GuestTokenAsync(invite.Token);
        var second = await RedeemAsync(invite.Token);
        await using var guest = await ConsultationClient.ConnectAsync(Host.Url, guestToken);
        var snapshot = await guest.JoinAsync(id);
        var said = await guest.SayAsync(id, "Je traduis pour Madame.");
        var start = await Assert.ThrowsAsync<HubException>(() => guest.DoAsync("StartConsultation", id));

        Assert.Equal(HttpStatusCode.Unauthorized, second.StatusCode);
        Assert.Contains(snapshot.Participants, p => p.Role == Roles.Guest && p.Name == "Fatou (interprète)" && p.Online);
        Assert.Equal(("guest", "Fatou (interprète)"), (said.SenderRole, said.SenderName));
        Assert.Contains("only the doctor may start", start.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AGuestSeesNoVitalsUntilTheDoctorAllowsThem()
    {
        var (id, patientId, invite) = await InviteAsync(allowVitals: false);
        var guestToken = await GuestTokenAsync(invite.Token);
        using var http = new HttpClient { BaseAddress = Host.Url };
        http.DefaultRequestHeaders.Authorization = new("Bearer", guestToken);
        await using var monitoring = new HubConnectionBuilder().WithUrl(new Uri(Host.Url, LiveExtensions.HubPath),
            o => o.AccessTokenProvider = () => Task.FromResult<string?>(guestToken)).Build();
        await monitoring.StartAsync();

        await using var room = await ConsultationClient.ConnectAsync(Host.Url, guestToken);
        var told = System.Threading.Channels.Channel.CreateUnbounded<ParticipantsChangedEvent>();
        room.Hub.On<ParticipantsChangedEvent>(ConsultationEvents.ParticipantsChanged, e => told.Writer.TryWrite(e));
        var joined = await room.JoinAsync(id);

        var before = await http.GetAsync($"/api/v1/patients/{patientId}/observations");
        await Assert.ThrowsAsync<HubException>(() => monitoring.InvokeAsync("SubscribePatient", patientId));
        var allowed = await Host.Http.PostAsJsonAsync($"/api/v1/consultations/{id}/guests/{invite.GuestId}/vitals", new GuestVitalsRequest(true));
        var heard = await Wait.ForAsync(told.Reader, e => e.Participants.Any(p => p.GuestId == invite.GuestId && p.MaySeeVitals == true), "the guest hearing it may see vitals");
        var after = await http.GetAsync($"/api/v1/patients/{patientId}/observations");
        await monitoring.InvokeAsync("SubscribePatient", patientId);

        Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);
        Assert.Contains(joined.Participants, p => p.GuestId == invite.GuestId && p.MaySeeVitals == false);
        Assert.Empty(joined.Thresholds);
        Assert.Equal(HttpStatusCode.NoContent, allowed.StatusCode);
        Assert.NotNull(heard);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task AnExpiredOrForeignLinkOpensNothingAndAGuestStaysInItsOwnConsultation()
    {
        var (id, _, invite) = await InviteAsync();
        var (otherId, _, _) = await InviteAsync();
        await Host.QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ExecuteUpdateAsync(
            db.ConsultationGuests.Where(g => g.Id == invite.GuestId), s => s.SetProperty(g => g.ExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-1))));

        var expired = await RedeemAsync(invite.Token);
        var forged = await RedeemAsync("not-a-real-invitation-token");
        var (_, _, fresh) = await InviteAsync();
        await using var guest = await ConsultationClient.ConnectAsync(Host.Url, await GuestTokenAsync(fresh.Token));

        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        await Assert.ThrowsAsync<HubException>(() => guest.JoinAsync(id));
        await Assert.ThrowsAsync<HubException>(() => guest.JoinAsync(otherId));
    }
}
