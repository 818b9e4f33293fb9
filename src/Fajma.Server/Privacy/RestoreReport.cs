namespace Fajma.Server.Privacy;

/// <summary>
/// What a restored store proved: its schema is current, its audit chain is whole, and each patient's sealed values open with the
/// configured master key (one data key and the latest observation per patient). <see cref="Unreadable"/> names each patient that failed.
/// <see cref="ErasuresNotHeld"/> names each erasure of the ledger (<see cref="ErasureLedger"/>) the store does not hold.
/// </summary>
public sealed record RestoreReport(
    IReadOnlyList<string> PendingMigrations,
    long AuditEntries,
    string AuditHead,
    (long Id, string Problem)? AuditBreak,
    int DataKeys,
    int ObservationsOpened,
    IReadOnlyList<(int PatientId, string Problem)> Unreadable,
    int LedgerErasures,
    IReadOnlyList<string> ErasuresNotHeld)
{
    public bool Passed => PendingMigrations.Count == 0 && AuditBreak is null && Unreadable.Count == 0 && ErasuresNotHeld.Count == 0;
}
