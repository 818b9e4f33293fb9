namespace Fajma.Server.Alerts;

/// <summary>
/// What a clinician enters for NEWS2: consciousness on the ACVPU scale (alert, new_confusion, voice, pain,
/// unresponsive), whether the patient is on supplemental oxygen, and whether SpO₂ scale 2 applies (hypercapnic
/// respiratory failure, target 88–92 %; a clinician's decision, never inferred).
/// </summary>
public sealed record News2InputsDto(string? Consciousness, bool? OnSupplementalOxygen, bool UseScale2);
