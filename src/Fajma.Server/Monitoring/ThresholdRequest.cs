namespace Fajma.Server.Monitoring;

/// <summary>A patient's limits for one sign, in its display unit (systolic for blood pressure); either side may be left open.</summary>
public sealed record ThresholdRequest(double? Low, double? High);
