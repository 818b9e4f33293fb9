namespace Fajma.Devices.Simulation;

/// <summary>Abnormal episodes the simulator plays now and then: three cross a seed alert threshold, one spoils the signal.</summary>
public enum EpisodeKind
{
    None,

    /// <summary>Heart rate climbs past 120 bpm.</summary>
    Tachycardia,

    /// <summary>SpO2 falls below 90 %.</summary>
    Desaturation,

    /// <summary>Temperature rises past 38.5 °C.</summary>
    Fever,

    /// <summary>The sensor slips (a loose cuff, a moving finger): the device's own quality drops under 50, its readings are doubtful.</summary>
    PoorContact,
}
