namespace Fajma.Devices.Simulation;

/// <summary>Abnormal episodes the simulator plays now and then, each crossing a seed alert threshold.</summary>
public enum EpisodeKind
{
    None,

    /// <summary>Heart rate climbs past 120 bpm.</summary>
    Tachycardia,

    /// <summary>SpO2 falls below 90 %.</summary>
    Desaturation,

    /// <summary>Temperature rises past 38.5 °C.</summary>
    Fever,
}
