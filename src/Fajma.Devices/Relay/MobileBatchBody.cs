using Fajma.Core.Wire;

namespace Fajma.Devices.Relay;

/// <summary>The body of <c>POST /api/v1/iot/mobile-data</c>: up to 100 signed standard messages.</summary>
public sealed record MobileBatchBody(IReadOnlyList<StandardMessage> Messages);
