namespace Fajma.Server.Tests.Infrastructure;

/// <summary>One server over a fresh SQLite file per test class.</summary>
public sealed class SqliteHostFixture : IAsyncLifetime
{
    public FajmaHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await FajmaHost.StartAsync(await TestDatabase.SqliteAsync());

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
