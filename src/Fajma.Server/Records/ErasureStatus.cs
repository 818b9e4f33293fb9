namespace Fajma.Server.Records;

/// <summary>The states of an <see cref="Storage.ErasureRequest"/>.</summary>
public static class ErasureStatus
{
    public const string Pending = "pending";
    public const string Approved = "approved";
    public const string Refused = "refused";
}
