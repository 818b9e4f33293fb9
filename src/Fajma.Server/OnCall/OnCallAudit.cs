namespace Fajma.Server.OnCall;

/// <summary>The audited rota changes (beside Privacy.AuditActions, kept here so the feature owns its names).</summary>
public static class OnCallAudit
{
    public const string RotaCreated = "rota.created";
    public const string RotaChanged = "rota.changed";
    public const string RotaDeleted = "rota.deleted";
    public const string OverrideAdded = "rota.override_added";
    public const string OverrideRemoved = "rota.override_removed";
}
