namespace Fajma.Core.Alerts;

/// <summary>NEWS2 clinical risk (RCP 2017, chart 2): what the total and the single-parameter scores call for.</summary>
public enum News2Risk
{
    /// <summary>Aggregate 0–4: ward-based response.</summary>
    Low,
    /// <summary>A score of 3 in any single parameter (aggregate below 5): urgent ward-based response.</summary>
    LowMedium,
    /// <summary>Aggregate 5–6: key threshold for urgent response.</summary>
    Medium,
    /// <summary>Aggregate 7 or more: urgent or emergency response.</summary>
    High,
}
