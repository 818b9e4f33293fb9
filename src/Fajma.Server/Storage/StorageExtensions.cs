using Fajma.Server.Platform;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fajma.Server.Storage;

public static class StorageExtensions
{
    /// <summary>Registers the store chosen by configuration (<c>Storage:Provider</c>).</summary>
    public static IHostApplicationBuilder AddStorage(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        builder.Services.Configure<StorageOptions>(builder.Configuration.GetSection(StorageOptions.Section));
        var connectionString = options.ResolveConnectionString();
        if (options.Provider == StorageProvider.Sqlite)
            AddStore<SqliteFajmaDbContext>(builder.Services, o => o.UseSqlite(connectionString).AddInterceptors(new SqliteBusyWait.Interceptor()));
        else
            AddStore<PostgresFajmaDbContext>(builder.Services, o => o.UseNpgsql(connectionString));
        // The identity columns' keys come from the master key (Privacy registers the keyring).
        builder.Services.AddSingleton(sp => new Backup.StoreBackup(sp.GetRequiredService<IOptions<StorageOptions>>().Value,
            sp.GetRequiredService<IDbContextFactory<FajmaDbContext>>(), sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton<WalCheckpointer>();
        if (!BuildTimeDocument.IsGenerating) builder.Services.AddHostedService(sp => sp.GetRequiredService<WalCheckpointer>());
        builder.Services.AddHealthChecks().AddDbContextCheck<FajmaDbContext>("store", tags: [HealthEndpoints.Ready]);
        return builder;
    }

    /// <summary>
    /// One pool of contexts for the provider's subclass: singletons and background services create theirs from
    /// <see cref="IDbContextFactory{TContext}"/> of <see cref="FajmaDbContext"/>; a request or hub call gets one per scope.
    /// </summary>
    private static void AddStore<TContext>(IServiceCollection services, Action<DbContextOptionsBuilder> configure) where TContext : FajmaDbContext
    {
        services.AddPooledDbContextFactory<TContext>((sp, o) => configure(o.UseIdentitySeal(sp.GetRequiredService<IdentityKeyring>())));
        services.AddSingleton<IDbContextFactory<FajmaDbContext>, StoreFactory<TContext>>();
        services.AddScoped<FajmaDbContext>(sp => sp.GetRequiredService<IDbContextFactory<FajmaDbContext>>().CreateDbContext());
    }

    private sealed class StoreFactory<TContext>(IDbContextFactory<TContext> pool) : IDbContextFactory<FajmaDbContext> where TContext : FajmaDbContext
    {
        public FajmaDbContext CreateDbContext() => pool.CreateDbContext();
    }

    /// <summary>Creates or upgrades the schema before anything reads or writes it.</summary>
    public static async Task MigrateStoreAsync(this IHost app, CancellationToken cancellationToken = default)
    {
        var options = app.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
        if (options.Provider == StorageProvider.Sqlite && options.ConnectionString is null)
            Directory.CreateDirectory(options.DataDirectory);
        await using var db = app.Services.GetRequiredService<IDbContextFactory<FajmaDbContext>>().CreateDbContext();
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            // WAL lets history reads run while the ingest writer commits; it is a property of the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
        var resealed = await IdentityResealing.ResealAsync(db, cancellationToken);
        if (resealed == 0) return;
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(IdentityResealing));
        log.LogInformation("Sealed the identity columns of {Rows} rows under master key {Key}", resealed, db.IdentityKeys!.WriterId);
        if (db.Database.IsSqlite())
        {
            // The plain values replaced are still in freed pages and the write-ahead log: rewrite the file without them.
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);", cancellationToken);
            await db.Database.ExecuteSqlRawAsync("VACUUM;", cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);", cancellationToken);
        }
        else
        {
            log.LogWarning("The values replaced stay in PostgreSQL's old row versions until VACUUM FULL of users, patients, paging_contacts, follows and consultation_guests");
        }
    }

    internal static bool IsSqlite(this System.Data.Common.DbConnection connection) => connection is SqliteConnection;
}
