using Microsoft.EntityFrameworkCore;

namespace Fajma.Server.Storage;

/// <summary>The SQLite store (embedded default); migrations under Storage/Migrations/Sqlite.</summary>
public sealed class SqliteFajmaDbContext(DbContextOptions<SqliteFajmaDbContext> options) : FajmaDbContext(options);
