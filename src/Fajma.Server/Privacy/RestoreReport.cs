namespace Fajma.Server.Privacy;

/// <summary>
/// What a restored store proved: its schema is current, its audit chain is whole, and each patient's sealed values open with the
/// configured master key (one data key and the latest observation per patient). <see cref="Unreadable"/> names each patient that failed.
/// </summary>
public sealed record RestoreReport(
    IReadOnlyList<string> PendingMigrations,
    long AuditEntries,
    string AuditHead,
    (long Id, string Problem)? AuditBreak,
    int DataKeys,
    int ObservationsOpened,
    IReadOnlyList<(int PatientId, string Problem)> Unreadable)
{
    public bool Passed => PendingMigrations.Count == 0 && AuditBreak is null && Unreadable.Count == 0;
}
