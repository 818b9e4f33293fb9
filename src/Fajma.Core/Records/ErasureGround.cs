namespace Fajma.Core.Records;

/// <summary>Why an erasure is permitted or refused.</summary>
public enum ErasureGround
{
    /// <summary>The deployer set no legal period (<c>RetentionYears</c> 0).</summary>
    NoLegalPeriod,

    /// <summary>No reading and no call: nothing the law asks to keep.</summary>
    NeverUsedForCare,

    /// <summary>Never used for care, but the deployer keeps such records for the full period too.</summary>
    NeverUsedForCareKept,

    /// <summary>The legal period since the last care is over.</summary>
    HoldEnded,

    /// <summary>Inside the legal period: refused until it ends.</summary>
    InsideHold,
}
