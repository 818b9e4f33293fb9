namespace Fajma.Server.Ingestion;

public enum IngestStatus
{
    /// <summary>Committed to the store.</summary>
    Stored,

    /// <summary>Already stored earlier (a redelivery): acknowledged again, stored once.</summary>
    Duplicate,

    /// <summary>Refused; see the rejection. Written to the dead-letter table.</summary>
    Rejected,

    /// <summary>Not taken: the node is too busy (<see cref="IngestionAdmission"/>). The device keeps it and sends it again later.</summary>
    Busy,
}
