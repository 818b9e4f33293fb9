namespace Fajma.Server.Fhir;

/// <summary>
/// One Bulk Data export: who asked (only they may poll it or fetch its files), what for, how far it got, and its
/// ndjson files in a temporary folder until <see cref="ExpiresAt"/>.
/// </summary>
public sealed class FhirExportJob(Guid id, int requesterId, string request, IReadOnlyList<int> patientIds, IReadOnlyList<string> types, DateTimeOffset? since,
    DateTimeOffset transactionTime, string folder)
{
    public Guid Id { get; } = id;

    public int RequesterId { get; } = requesterId;

    /// <summary>The kick-off URL, as the manifest repeats it.</summary>
    public string Request { get; } = request;

    public IReadOnlyList<int> PatientIds { get; } = patientIds;

    public IReadOnlyList<string> Types { get; } = types;

    public DateTimeOffset? Since { get; } = since;

    public DateTimeOffset TransactionTime { get; } = transactionTime;

    public string Folder { get; } = folder;

    public CancellationTokenSource Cancel { get; } = new();

    /// <summary>Types written so far, with their resource counts (read by pollers while the job runs).</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, int> Written { get; } = new(StringComparer.Ordinal);

    private volatile bool _done;
    private volatile string? _error;

    public bool Done { get => _done; set => _done = value; }

    public string? Error { get => _error; set => _error = value; }

    public DateTimeOffset ExpiresAt { get; set; }

    public string FileOf(string type) => Path.Combine(Folder, $"{type}.ndjson");
}
