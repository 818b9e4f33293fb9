namespace Fajma.Server.Tests.Infrastructure;

/// <summary>One server over a fresh PostgreSQL database per test class.</summary>
public sealed class PostgresHostFixture : IAsyncLifetime
{
    public FajmaHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await FajmaHost.StartAsync(await TestDatabase.PostgresAsync());

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
