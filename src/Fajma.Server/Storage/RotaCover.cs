namespace Fajma.Server.Storage;

/// <summary>An override: a doctor covers the rota from <see cref="From"/> to <see cref="To"/>, whoever's shift it is.</summary>
public sealed class RotaCover
{
    public int Id { get; set; }

    public int RotaId { get; set; }

    public int DoctorId { get; set; }

    public DateTimeOffset From { get; set; }

    public DateTimeOffset To { get; set; }
}
