namespace Fajma.Server.Storage;

public sealed class Patient
{
    public int Id { get; set; }

    public required string DisplayName { get; set; }

    public DateOnly DateOfBirth { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public List<Device> Devices { get; } = [];
}
