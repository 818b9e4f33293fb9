using System.Globalization;

namespace Fajma.Server.Consultations;

/// <summary>The visit report's words in the reader's language (fr, en), as the web app's catalogs have them.</summary>
public sealed class VisitReportText
{
    private static readonly Dictionary<string, (string Fr, string En)> s_words = new(StringComparer.Ordinal)
    {
        ["title"] = ("Compte rendu de téléconsultation", "Video consultation report"),
        ["patient"] = ("Patient", "Patient"),
        ["doctor"] = ("Médecin", "Doctor"),
        ["scheduled"] = ("Prévue le", "Scheduled for"),
        ["call"] = ("Appel", "Call"),
        ["state"] = ("Issue", "Outcome"),
        ["note"] = ("Note du médecin", "Doctor's note"),
        ["noNote"] = ("Aucune note.", "No note."),
        ["vitals"] = ("Constantes pendant l'appel", "Vital signs during the call"),
        ["noVitals"] = ("Aucune mesure pendant l'appel.", "No measurements during the call."),
        ["alerts"] = ("Alertes pendant l'appel", "Alerts during the call"),
        ["noAlerts"] = ("Aucune alerte pendant l'appel.", "No alerts during the call."),
        ["hidden"] = ("Les constantes et les alertes ne sont pas partagées avec vous.", "The vital signs and alerts are not shared with you."),
        ["min"] = ("min", "min"),
        ["max"] = ("max", "max"),
        ["last"] = ("dernière", "last"),
        ["count"] = ("mesures", "readings"),
        ["time"] = ("Heure", "Time"),
        ["severity"] = ("Gravité", "Severity"),
        ["alert"] = ("Alerte", "Alert"),
        ["value"] = ("Valeur", "Value"),
        ["status"] = ("État", "Status"),
        ["print"] = ("Imprimer ou enregistrer en PDF", "Print or save as PDF"),
        ["generated"] = ("Document produit le", "Generated on"),
        ["times"] = ("Heures en UTC.", "Times in UTC."),
        ["heart_rate"] = ("Fréquence cardiaque", "Heart rate"),
        ["spo2"] = ("Saturation en oxygène", "Oxygen saturation"),
        ["temperature"] = ("Température", "Body temperature"),
        ["blood_pressure"] = ("Pression artérielle", "Blood pressure"),
        ["respiratory_rate"] = ("Fréquence respiratoire", "Respiratory rate"),
        ["completed"] = ("terminée", "completed"),
        ["failed"] = ("interrompue", "failed"),
        ["cancelled"] = ("annulée", "cancelled"),
    };

    private VisitReportText(string language) => Language = language;

    public string Language { get; }

    public static VisitReportText For(string language) => new(language == "fr" ? "fr" : "en");

    /// <summary>The word for <paramref name="key"/>, or the key itself (an unknown vital type shows its wire name).</summary>
    public string this[string key] => s_words.TryGetValue(key, out var w) ? (Language == "fr" ? w.Fr : w.En) : key;

    public string Time(DateTimeOffset at) =>
        at.UtcDateTime.ToString(Language == "fr" ? "dd/MM/yyyy HH:mm" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public string Number(double value) => value.ToString("0.#", CultureInfo.GetCultureInfo(Language == "fr" ? "fr-FR" : "en-GB"));
}
