using Microsoft.AspNetCore.SignalR;

namespace Fajma.Server.Identity;

/// <summary>A hub connection's user id is the account id (<c>sub</c>), so per-user hub limits count the account, whichever tab or hub.</summary>
public sealed class SubjectUserIdProvider : IUserIdProvider
{
    public string? GetUserId(HubConnectionContext connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection.User.FindFirst(FajmaClaims.Subject)?.Value;
    }
}
