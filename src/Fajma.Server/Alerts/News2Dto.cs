namespace Fajma.Server.Alerts;

/// <summary>
/// A patient's NEWS2 from their latest vitals (RCP 2017), and the payload of the monitoring hub's <c>news2</c> event.
/// <see cref="Adult"/> false: NEWS2 is not validated under 16 and is not computed (the other fields are empty).
/// <see cref="Complete"/> false: some parameters are <see cref="Missing"/>, and <see cref="Total"/> is a lower bound.
/// </summary>
public sealed record News2Dto(
    int PatientId,
    bool Adult,
    int? Total,
    string? Risk,
    bool Complete,
    IReadOnlyList<string> Missing,
    IReadOnlyDictionary<string, int>? Scores,
    DateTimeOffset? ComputedAt,
    News2InputsDto Inputs);
