using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Fajma.Server.Storage;

/// <summary>The PostgreSQL store (scale-out); migrations under Storage/Migrations/Postgres.</summary>
public sealed class PostgresFajmaDbContext(DbContextOptions<PostgresFajmaDbContext> options) : FajmaDbContext(options);

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresFajmaDbContext>
{
    public PostgresFajmaDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresFajmaDbContext>().UseNpgsql("Host=127.0.0.1;Database=fajma_design").Options);
}
