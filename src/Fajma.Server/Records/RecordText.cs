using Fajma.Server.Consultations;

namespace Fajma.Server.Records;

/// <summary>The readable record's words in the reader's language (fr, en); vital names, times and numbers as the visit report writes them.</summary>
public sealed class RecordText
{
    private static readonly Dictionary<string, (string Fr, string En)> s_words = new(StringComparer.Ordinal)
    {
        ["title"] = ("Mon dossier de santé", "My health record"),
        ["intro"] = ("Copie de vos données (RGPD, articles 15 et 20). Les mêmes données, lisibles par un logiciel, sont disponibles au format FHIR R4.",
            "A copy of your data (GDPR, articles 15 and 20). The same data, readable by software, is available as FHIR R4."),
        ["identity"] = ("Identité", "Identity"),
        ["name"] = ("Nom", "Name"),
        ["born"] = ("Date de naissance", "Date of birth"),
        ["since"] = ("Suivi depuis", "Followed since"),
        ["careTeam"] = ("Équipe soignante", "Care team"),
        ["devices"] = ("Appareils", "Devices"),
        ["none"] = ("aucun", "none"),
        ["vitals"] = ("Constantes dans le temps", "Vital signs over time"),
        ["noVitals"] = ("Aucune mesure.", "No measurements."),
        ["truncated"] = ("Seules les {0} mesures les plus récentes sont tracées ici ; l'export FHIR les contient toutes.",
            "Only the latest {0} readings are drawn here; the FHIR export has them all."),
        ["alerts"] = ("Alertes", "Alerts"),
        ["consultations"] = ("Téléconsultations", "Video consultations"),
        ["noConsultations"] = ("Aucune téléconsultation.", "No video consultations."),
        ["date"] = ("Date", "Date"),
        ["reason"] = ("Motif", "Reason"),
        ["rights"] = ("Vos droits", "Your rights"),
        ["rightsText"] = ("Vous pouvez demander l'effacement de votre dossier depuis la page « Mes données ». Un dossier médical est conservé pendant la durée légale ({0} ans après la dernière prise en charge) ; une demande faite pendant cette durée est refusée avec la date à laquelle elle prend fin.",
            "You can ask for your record to be erased from the \"My data\" page. A medical record is kept for the legal period ({0} years after the last care); a request made within it is refused with the date it ends."),
        ["scheduled"] = ("prévue", "scheduled"),
    };

    private RecordText(string language) => Visit = VisitReportText.For(language);

    /// <summary>The visit report's words: vital names, alert columns, time and number formats.</summary>
    public VisitReportText Visit { get; }

    public string Language => Visit.Language;

    public static RecordText For(string language) => new(language);

    public string this[string key] => s_words.TryGetValue(key, out var w) ? (Language == "fr" ? w.Fr : w.En) : Visit[key];

    public string Date(DateOnly date) => date.ToString(Language == "fr" ? "dd/MM/yyyy" : "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
