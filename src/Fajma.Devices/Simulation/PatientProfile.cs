namespace Fajma.Devices.Simulation;

/// <summary>A simulated patient's resting values, around which their vitals drift.</summary>
public sealed record PatientProfile(double HeartRate, double Spo2, double Temperature, double Systolic, double Diastolic, double RespiratoryRate)
{
    public static PatientProfile Typical(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return new(
            HeartRate: 62 + random.NextDouble() * 22,
            Spo2: 95.5 + random.NextDouble() * 3,
            Temperature: 36.4 + random.NextDouble() * 0.6,
            Systolic: 110 + random.NextDouble() * 25,
            Diastolic: 68 + random.NextDouble() * 14,
            RespiratoryRate: 12 + random.NextDouble() * 6);
    }
}
