namespace Fajma.Server.Alerts.Profiles;

/// <summary>A patient's alarm burden per rule since <see cref="Since"/> (the last <see cref="Days"/> days), most fired first.</summary>
public sealed record AlarmBurdenDto(int PatientId, int Days, DateTimeOffset Since, IReadOnlyList<RuleBurdenDto> Rules);
