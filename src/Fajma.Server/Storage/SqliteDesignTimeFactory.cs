using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Fajma.Server.Storage;

/// <summary>Lets <c>dotnet ef migrations add X --context SqliteFajmaDbContext</c> build the model without the host.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteFajmaDbContext>
{
    public SqliteFajmaDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteFajmaDbContext>().UseSqlite("Data Source=design.db").Options);
}
