using Fajma.Core.Alerts;

namespace Fajma.Core.Paging;

/// <summary>
/// The channels outside the browser one severity pages on. By default a critical alert rings everywhere the clinician
/// can be reached except a phone call (opt-in: it wakes a household), a major one by push and e-mail, and a warning
/// stays in the app — a product that pages for everything gets muted.
/// </summary>
public sealed record PageChannels(bool Push, bool Sms, bool Voice, bool Email)
{
    public static PageChannels Default(AlertSeverity severity) => severity switch
    {
        AlertSeverity.Critical => new(Push: true, Sms: true, Voice: false, Email: true),
        AlertSeverity.Major => new(Push: true, Sms: false, Voice: false, Email: true),
        _ => new(Push: false, Sms: false, Voice: false, Email: false),
    };

    /// <summary>A test alarm tries every channel the person has, whatever their preferences.</summary>
    public static PageChannels All { get; } = new(true, true, true, true);
}
