using Microsoft.EntityFrameworkCore;

namespace Fajma.Server.Storage;

/// <summary>The PostgreSQL store (scale-out); migrations under Storage/Migrations/Postgres.</summary>
public sealed class PostgresFajmaDbContext(DbContextOptions<PostgresFajmaDbContext> options) : FajmaDbContext(options);
