using Fajma.Core.Alerts;

namespace Fajma.Server.Alerts;

/// <summary>What a clinician entered for NEWS2 (sealed at rest as <see cref="Storage.News2Assessment"/>).</summary>
public sealed record News2Inputs(Consciousness? Consciousness, bool? OnSupplementalOxygen, bool UseScale2);
