namespace Fajma.Server.Observations;

/// <summary>A page of history, newest first; pass <see cref="NextCursor"/> back as <c>cursor</c> for the next one.</summary>
public sealed record ObservationPage(IReadOnlyList<ObservationDto> Items, string? NextCursor);
