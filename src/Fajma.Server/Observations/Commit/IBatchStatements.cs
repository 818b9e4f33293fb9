using System.Data.Common;

namespace Fajma.Server.Observations.Commit;

/// <summary>How one group commit's writes reach the database: as whole-batch statements (SQLite, PostgreSQL) or per message (any other provider).</summary>
internal interface IBatchStatements : IAsyncDisposable
{
    /// <summary>Writes the batch inside <paramref name="transaction"/>; result i belongs to item i (null for a dead letter).</summary>
    Task<ReadingWriteResult?[]> WriteAsync(DbTransaction transaction, IReadOnlyList<BatchItem> batch, CancellationToken ct);
}
