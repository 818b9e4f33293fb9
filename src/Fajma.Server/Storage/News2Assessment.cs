namespace Fajma.Server.Storage;

/// <summary>
/// What a clinician enters for NEWS2 that no sensor measures: consciousness (ACVPU), supplemental oxygen, and
/// whether SpO₂ scale 2 applies. Sealed under the patient's key like every clinical value.
/// </summary>
public sealed class News2Assessment
{
    public int PatientId { get; set; }

    public required byte[] Sealed { get; set; }

    public int SetBy { get; set; }

    public DateTimeOffset SetAt { get; set; }
}
