using Fajma.Server.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fajma.Server.Identity;

/// <summary>Creates the configured first admin at start, so a fresh server can be administered at all.</summary>
internal sealed class BootstrapAdmin(IDbContextFactory<FajmaDbContext> store, IPasswordHasher<User> hasher, TimeProvider time, IOptions<AuthOptions> options)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value is not { BootstrapAdminEmail: { Length: > 0 } email, BootstrapAdminPassword: { Length: > 0 } password }) return;
        await using var db = store.CreateDbContext();
        await new Accounts(db, hasher, time).EnsureAsync(email, "Administrator", Roles.Admin, password, null, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
