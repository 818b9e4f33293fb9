using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Fajma.Server.Storage;

/// <summary>
/// Brings every identity column under the writer key: rows written before sealing existed (plain text), and rows sealed
/// under the master key a rotation is replacing. Idempotent and cheap when there is nothing to do; runs at start-up after
/// the migrations, and from <c>fajma keys rotate-master</c>. A value under a master key this server does not hold is left
/// as it is (it cannot be opened; reading it fails loudly).
/// </summary>
internal static class IdentityResealing
{
    private const int Batch = 200;

    public static async Task<int> ResealAsync(FajmaDbContext db, CancellationToken cancellationToken)
    {
        var keys = db.IdentityKeys ?? throw new InvalidOperationException("resealing needs the master key (UseIdentitySeal)");
        var resealed = 0;
        foreach (var entity in db.Model.GetEntityTypes())
        {
            var columns = entity.GetProperties().Where(p => p.IsSealedIdentity()).ToList();
            if (columns.Count == 0) continue;
            var key = entity.FindPrimaryKey()!.Properties.Single();
            var ids = await db.Database.SqlQueryRaw<int>(StaleRowsSql(entity, key, columns, keys)).ToListAsync(cancellationToken);
            foreach (var chunk in ids.Chunk(Batch))
            {
                foreach (var id in chunk)
                {
                    if (await db.FindAsync(entity.ClrType, [id], cancellationToken) is not { } row) continue;
                    var entry = db.Entry(row);
                    foreach (var column in columns) entry.Property(column.Name).IsModified = true;
                }
                resealed += chunk.Length;
                await db.SaveChangesAsync(cancellationToken);
                db.ChangeTracker.Clear();
            }
        }
        return resealed;
    }

    // Prefixes compared with substr, not LIKE: SQLite's LIKE ignores case, and a plain value may well begin "V1:".
    private static string StaleRowsSql(IEntityType entity, IProperty key, IReadOnlyList<IProperty> columns, IdentityKeyring keys)
    {
        var older = keys.KnownIds.Where(id => id != keys.WriterId).ToList();
        var stale = columns.Select(Name).Select(c =>
            $"({c} IS NOT NULL AND ({NotSealed(c)}{string.Concat(older.Select(id => $" OR {SealedUnder(c, id)}"))}))").ToList();
        if (entity.ClrType == typeof(User)) stale.Add($"{Name(entity.FindProperty(nameof(User.EmailIndex))!)} IS NULL");
        var openable = columns.Select(Name).Select(c =>
            $"({c} IS NULL OR {NotSealed(c)}{string.Concat(keys.KnownIds.Select(id => $" OR {SealedUnder(c, id)}"))})");
        return string.Create(CultureInfo.InvariantCulture,
            $"SELECT {Name(key)} AS \"Value\" FROM \"{entity.GetTableName()}\" WHERE ({string.Join(" OR ", stale)}) AND {string.Join(" AND ", openable)}");
    }

    private static string NotSealed(string column) => $"substr({column}, 1, 3) <> 'v1:'";

    private static string SealedUnder(string column, string keyId) =>
        string.Create(CultureInfo.InvariantCulture, $"substr({column}, 1, {keyId.Length + 4}) = 'v1:{keyId}:'");

    private static string Name(IProperty property) => $"\"{property.GetColumnName()}\"";
}
