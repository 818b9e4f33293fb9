using Fajma.Core.Nudges;

namespace Fajma.Server.Alerts.Nudges;

/// <summary>
/// What a nudge says to the patient: plain and kind, what to do rather than what went wrong, in their language (the one
/// their browser subscribed in) or English. No vital sign and no value: a lock screen is not a private place.
/// </summary>
public sealed record NudgeText(string Title, string Body)
{
    public static NudgeText For(NudgeKind kind, string? language, string deviceType, int? battery, bool cleared)
    {
        var fr = language == "fr";
        var device = DeviceName(deviceType, fr);
        if (cleared)
            return fr ? new("Merci, tout est en ordre", $"Votre {device} envoie de nouveau ses mesures.")
                : new("Thank you, all is well", $"Your {device} is sending its readings again.");
        return (kind, fr) switch
        {
            (NudgeKind.MissingMeasurement, false) => new($"Your {device} has gone quiet", $"No reading has arrived for a while. Check it is switched on, worn, and near your phone or the box."),
            (NudgeKind.MissingMeasurement, true) => new($"Votre {device} ne transmet plus", "Aucune mesure n'est arrivée depuis un moment. Vérifiez qu'il est allumé, bien porté et près de votre téléphone ou du boîtier."),
            (NudgeKind.LowBattery, false) => new($"Your {device} needs charging", $"Its battery is at {battery} %. Please charge it soon so your readings keep coming."),
            (NudgeKind.LowBattery, true) => new($"Votre {device} doit être rechargé", $"Sa batterie est à {battery} %. Rechargez-le bientôt pour que vos mesures continuent d'arriver."),
            (_, false) => new($"Your {device} seems to be off", $"Its readings are unclear: it seems to be off your {Spot(deviceType, fr)}. Put it back on gently."),
            (_, true) => new($"Votre {device} semble mal placé", $"Ses mesures sont floues : il semble ne plus être sur votre {Spot(deviceType, fr)}. Remettez-le en place doucement."),
        };
    }

    private static string DeviceName(string type, bool fr) => type switch
    {
        Devices.DeviceTypes.PulseOximeter => fr ? "oxymètre" : "oximeter",
        Devices.DeviceTypes.Thermometer => fr ? "thermomètre" : "thermometer",
        Devices.DeviceTypes.BloodPressureMonitor => fr ? "tensiomètre" : "blood pressure monitor",
        Devices.DeviceTypes.BleHeartRate => fr ? "capteur cardiaque" : "heart rate sensor",
        _ => fr ? "capteur" : "monitor",
    };

    private static string Spot(string type, bool fr) => type == Devices.DeviceTypes.PulseOximeter ? (fr ? "doigt" : "finger") : (fr ? "peau" : "skin");
}
