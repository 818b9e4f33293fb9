namespace Fajma.Server.Platform;

/// <summary>
/// Marks a hub method a screen calls once per patient it shows, all at once on (re)connect (subscribing a board to
/// its care team): budgeted for a central station's whole ward, apart from chat and signals, which keep their
/// tighter budget (<see cref="HubRateLimitFilter"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class WatchListCallAttribute : Attribute;
