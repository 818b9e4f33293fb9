using Fajma.Core.OnCall;

namespace Fajma.Server.OnCall;

/// <summary>A stored rota as the roster holds it in memory.</summary>
public sealed record RotaEntry(int Id, string Name, string TimeZone, RotaSchedule Schedule);
