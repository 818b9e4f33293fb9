using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Fajma.Server.Storage;

/// <summary>Lets <c>dotnet ef migrations add X --context PostgresFajmaDbContext</c> build the model without the host.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresFajmaDbContext>
{
    public PostgresFajmaDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresFajmaDbContext>().UseNpgsql("Host=127.0.0.1;Database=fajma_design").Options);
}
