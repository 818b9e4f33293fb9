using Microsoft.Extensions.Options;

namespace Fajma.Server.Identity;

/// <summary>Creates the configured first admin at start, so a fresh server can be administered at all.</summary>
internal sealed class BootstrapAdmin(IServiceScopeFactory scopes, IOptions<AuthOptions> options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value is not { BootstrapAdminEmail: { Length: > 0 } email, BootstrapAdminPassword: { Length: > 0 } password }) return;
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<Accounts>().EnsureAsync(email, "Administrator", Roles.Admin, password, null, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
