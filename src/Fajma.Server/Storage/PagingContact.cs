namespace Fajma.Server.Storage;

/// <summary>Where a clinician is paged outside the browser besides push: a phone for SMS and voice (E.164). E-mail uses the account's address.</summary>
public sealed class PagingContact
{
    public int UserId { get; set; }

    public string? Phone { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
