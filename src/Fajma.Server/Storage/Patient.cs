namespace Fajma.Server.Storage;

public sealed class Patient
{
    public int Id { get; set; }

    public required string DisplayName { get; set; }

    public DateOnly DateOfBirth { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the record was erased (GDPR Art. 17): identity pseudonymised, data key shredded. Erased records are visible to no one.</summary>
    public DateTimeOffset? ErasedAt { get; set; }

    public List<Device> Devices { get; } = [];
}
