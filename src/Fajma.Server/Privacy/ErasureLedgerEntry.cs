namespace Fajma.Server.Privacy;

/// <summary>
/// One erasure as the ledger keeps it: the patient's id and creation time (so an id a later store gives to someone else is never
/// mistaken for the erased patient), and when they were erased. Nothing that identifies the person.
/// </summary>
public sealed record ErasureLedgerEntry(int PatientId, DateTimeOffset PatientCreatedAt, DateTimeOffset ErasedAt)
{
    /// <summary>The same patient: same id, same creation time to the millisecond (stores keep different precisions).</summary>
    public bool Is(int patientId, DateTimeOffset createdAt) =>
        patientId == PatientId && createdAt.ToUnixTimeMilliseconds() == PatientCreatedAt.ToUnixTimeMilliseconds();
}
