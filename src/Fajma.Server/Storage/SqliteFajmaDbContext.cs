using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Fajma.Server.Storage;

/// <summary>The SQLite store (embedded default); migrations under Storage/Migrations/Sqlite.</summary>
public sealed class SqliteFajmaDbContext(DbContextOptions<SqliteFajmaDbContext> options) : FajmaDbContext(options);

/// <summary>Lets <c>dotnet ef migrations add X --context SqliteFajmaDbContext</c> build the model without the host.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteFajmaDbContext>
{
    public SqliteFajmaDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteFajmaDbContext>().UseSqlite("Data Source=design.db").Options);
}
