using System.Collections.Concurrent;
using Fajma.Server.Identity;
using Fajma.Server.Privacy;

namespace Fajma.Server.Fhir;

/// <summary>
/// Runs Bulk Data exports off the request thread, one at a time (a 2-core node answers its requests first), writing
/// ndjson to a temporary folder; a finished export is kept for <see cref="Lifetime"/>, then its files are deleted.
/// </summary>
public sealed partial class FhirExportJobs(IServiceScopeFactory scopes, TimeProvider time, ILogger<FhirExportJobs> logger) : IDisposable
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<Guid, FhirExportJob> _jobs = new();
    private readonly SemaphoreSlim _one = new(1, 1);
    private readonly string _root = Path.Combine(Path.GetTempPath(), "fajma-fhir-export", Guid.NewGuid().ToString("N"));

    public FhirExportJob Start(CurrentUser user, string request, IReadOnlyList<int> patientIds, IReadOnlyList<string> types, DateTimeOffset? since)
    {
        ArgumentNullException.ThrowIfNull(user);
        Prune();
        var id = Guid.NewGuid();
        var job = new FhirExportJob(id, user.Id, request, patientIds, types, since, time.GetUtcNow(), Path.Combine(_root, id.ToString("N")))
        {
            ExpiresAt = time.GetUtcNow() + Lifetime,
        };
        _jobs[id] = job;
        _ = Task.Run(() => RunAsync(job, user));
        return job;
    }

    /// <summary>The caller's own job; anyone else's, or an expired one, is not found.</summary>
    public FhirExportJob? Find(Guid id, CurrentUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        Prune();
        return _jobs.TryGetValue(id, out var job) && job.RequesterId == user.Id ? job : null;
    }

    public void Remove(FhirExportJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (!_jobs.TryRemove(job.Id, out _)) return;
        job.Cancel.Cancel();
        if (job.Done) Delete(job);
    }

    private void Prune()
    {
        var now = time.GetUtcNow();
        foreach (var job in _jobs.Values.Where(j => j.ExpiresAt <= now)) Remove(job);
    }

    private async Task RunAsync(FhirExportJob job, CurrentUser user)
    {
        try
        {
            await _one.WaitAsync(job.Cancel.Token);
            try
            {
                Directory.CreateDirectory(job.Folder);
                await using var scope = scopes.CreateAsyncScope();
                var reader = scope.ServiceProvider.GetRequiredService<FhirReader>();
                var patients = new HashSet<int>();
                foreach (var type in job.Types)
                {
                    var count = 0;
                    await using (var file = new StreamWriter(job.FileOf(type), append: false, new System.Text.UTF8Encoding(false)))
                    {
                        await foreach (var resource in reader.RecordAsync(user, job.PatientIds, [type], job.Since, job.Cancel.Token))
                        {
                            await file.WriteLineAsync(FhirJson.Line(resource).AsMemory(), job.Cancel.Token);
                            count++;
                        }
                    }
                    job.Written[type] = count;
                }
            }
            finally
            {
                _one.Release();
            }
        }
        catch (OperationCanceledException)
        {
            job.Error = "cancelled";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or SealBrokenException or Microsoft.EntityFrameworkCore.DbUpdateException)
        {
            LogFailed(logger, job.Id, e);
            job.Error = "the export failed; ask again later";
        }
        finally
        {
            job.ExpiresAt = time.GetUtcNow() + Lifetime;
            job.Done = true;
            if (!_jobs.ContainsKey(job.Id)) Delete(job);
        }
    }

    private static void Delete(FhirExportJob job)
    {
        try
        {
            if (Directory.Exists(job.Folder)) Directory.Delete(job.Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a download: the next prune of the process's temp folder removes it.
        }
    }

    public void Dispose()
    {
        foreach (var job in _jobs.Values) job.Cancel.Cancel();
        _one.Dispose();
        try
        {
            if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "FHIR export {JobId} failed")]
    private static partial void LogFailed(ILogger logger, Guid jobId, Exception exception);
}
