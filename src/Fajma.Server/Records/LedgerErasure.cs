namespace Fajma.Server.Records;

/// <summary>What a restore did with one erasure of the ledger (<see cref="Erasure.ReapplyAsync"/>).</summary>
public sealed record LedgerErasure(int PatientId, DateTimeOffset ErasedAt, string Outcome)
{
    /// <summary>The restored store held the patient readable: erased again.</summary>
    public const string Reapplied = "re-applied";

    /// <summary>The archive was taken after the erasure.</summary>
    public const string AlreadyErased = "already erased in the archive";

    /// <summary>The archive was taken before the patient was created.</summary>
    public const string NotInStore = "not in the archive";

    /// <summary>The restored identity is sealed under a master key this server does not hold: the restore is unusable anyway.</summary>
    public const string Unreadable = "sealed under a master key this server does not hold: not re-applied";

    /// <summary>The id belongs to another patient (created at another time): never touched.</summary>
    public const string AnotherPatient = "id held by another patient: left alone";
}
