namespace Fajma.Core.Alerts;

/// <summary>ACVPU: Alert, or new Confusion, responds to Voice, Pain, Unresponsive (the last four score 3).</summary>
public enum Consciousness
{
    Alert,
    NewConfusion,
    Voice,
    Pain,
    Unresponsive,
}
