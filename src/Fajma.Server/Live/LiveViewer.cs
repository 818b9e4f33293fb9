namespace Fajma.Server.Live;

/// <summary>Who holds a live connection, as delivery needs it: the account (alerts page people) and whether an admin.</summary>
public sealed record LiveViewer(int UserId, bool IsAdmin);
