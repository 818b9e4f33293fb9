namespace Fajma.Core.Records;

/// <summary>
/// Whether a patient's record may be erased now (GDPR Art. 17(3)(b) and (c): a legal obligation to keep it prevails).
/// France keeps a medical record 20 years from the last stay or visit (Code de la santé publique, art. R.1112-7);
/// the deployer sets their country's period. A record never used for care (no reading, no call took place: created in
/// error, or a patient who never started) holds nothing the law asks to keep, and may be erased at once if the deployer allows.
/// </summary>
public static class LegalHold
{
    /// <summary>The verdict for a record whose last care was at <paramref name="lastCare"/> (null: never used for care).</summary>
    public static ErasureVerdict Decide(DateTimeOffset? lastCare, DateTimeOffset now, int retentionYears, bool eraseIfNeverUsedForCare)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(retentionYears);
        if (retentionYears == 0) return new ErasureVerdict(true, null, ErasureGround.NoLegalPeriod);
        if (lastCare is not { } last)
            return eraseIfNeverUsedForCare ? new ErasureVerdict(true, null, ErasureGround.NeverUsedForCare)
                : new ErasureVerdict(false, null, ErasureGround.NeverUsedForCareKept);
        var ends = EndsAt(last, retentionYears);
        return now >= ends ? new ErasureVerdict(true, ends, ErasureGround.HoldEnded) : new ErasureVerdict(false, ends, ErasureGround.InsideHold);
    }

    /// <summary>The day the hold ends: the anniversary of the last care, <paramref name="years"/> later (29 February falls on 28 February).</summary>
    public static DateTimeOffset EndsAt(DateTimeOffset lastCare, int years) => lastCare.AddYears(years);
}
