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
        {
            builder.Services.AddDbContextPool<FajmaDbContext, SqliteFajmaDbContext>(o => o.UseSqlite(connectionString));
        }
        else
        {
            builder.Services.AddDbContextPool<FajmaDbContext, PostgresFajmaDbContext>(o => o.UseNpgsql(connectionString));
        }
        builder.Services.AddHealthChecks().AddDbContextCheck<FajmaDbContext>("store", tags: [HealthEndpoints.Ready]);
        builder.Services.AddSingleton<WriterStatistics>();
        builder.Services.AddSingleton<GroupCommitWriter>();
        builder.Services.AddSingleton<StoredMessageKeys>();
        if (!BuildTimeDocument.IsGenerating) builder.Services.AddHostedService(sp => sp.GetRequiredService<GroupCommitWriter>());
        return builder;
    }

    /// <summary>Creates or upgrades the schema before anything reads or writes it.</summary>
    public static async Task MigrateStoreAsync(this IHost app, CancellationToken cancellationToken = default)
    {
        var options = app.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
        if (options.Provider == StorageProvider.Sqlite && options.ConnectionString is null)
            Directory.CreateDirectory(options.DataDirectory);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FajmaDbContext>();
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            // WAL lets history reads run while the ingest writer commits; it is a property of the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }

    internal static bool IsSqlite(this System.Data.Common.DbConnection connection) => connection is SqliteConnection;
}
