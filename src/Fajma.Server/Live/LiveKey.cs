namespace Fajma.Server.Live;

/// <summary>
/// What a live event coalesces on in a browser's outbox: a newer event with an equal key replaces one not yet sent. A value,
/// compared member by member, so each reading's key costs no allocation (a formatted string per observation did: 4 % of
/// what a reading allocated; docs/performance.md, issue 15).
/// </summary>
/// <param name="Channel">Keeps the channels' keys apart (<c>o</c> vitals, <c>s</c> device status, …).</param>
public readonly record struct LiveKey(string Channel, long Number = 0, string? First = null, string? Second = null);
