namespace Fajma.Server.Storage;

/// <summary>A doctor's place in a rota's rotation (<see cref="Position"/> 0 takes the first shift).</summary>
public sealed class RotaMember
{
    public int RotaId { get; set; }

    public int Position { get; set; }

    public int DoctorId { get; set; }
}
