using Microsoft.AspNetCore.SignalR;

namespace Fajma.Server.Live;

/// <summary>
/// The monitoring hub's context with every send measured (<see cref="LiveMetrics"/>): each <see cref="ClientOutbox"/>
/// sends through <c>Clients.Client(id)</c> of this context, so the push latency is taken where a reading leaves for a
/// screen, after pacing and coalescing, whatever builds the outboxes (LiveFeed, or a cluster fan-out in front of it).
/// </summary>
internal sealed class MeasuredHubContext(IHubContext<MonitoringHub> inner, LiveMetrics metrics) : IHubContext<MonitoringHub>
{
    public IHubClients Clients { get; } = new MeasuredClients(inner.Clients, metrics);

    public IGroupManager Groups => inner.Groups;

    /// <summary>
    /// Replaces the registration of <see cref="IHubContext{THub}"/> for <see cref="MonitoringHub"/> only, wrapping the
    /// implementation SignalR registered for every hub (call after AddSignalR).
    /// </summary>
    public static void Register(IServiceCollection services)
    {
        var open = services.LastOrDefault(d => d.ServiceType == typeof(IHubContext<>))?.ImplementationType
            ?? throw new InvalidOperationException("AddSignalR must come before the monitoring hub's measured context.");
        var closed = open.MakeGenericType(typeof(MonitoringHub));
        services.AddSingleton<IHubContext<MonitoringHub>>(sp => new MeasuredHubContext(
            (IHubContext<MonitoringHub>)ActivatorUtilities.CreateInstance(sp, closed), sp.GetRequiredService<LiveMetrics>()));
    }

    private sealed class MeasuredClients(IHubClients inner, LiveMetrics metrics) : IHubClients
    {
        public IClientProxy All => Wrap(inner.All);

        public IClientProxy AllExcept(IReadOnlyList<string> excludedConnectionIds) => Wrap(inner.AllExcept(excludedConnectionIds));

        public ISingleClientProxy Client(string connectionId) => new MeasuredProxy(inner.Client(connectionId), metrics);

        IClientProxy IHubClients<IClientProxy>.Client(string connectionId) => Client(connectionId);

        public IClientProxy Clients(IReadOnlyList<string> connectionIds) => Wrap(inner.Clients(connectionIds));

        public IClientProxy Group(string groupName) => Wrap(inner.Group(groupName));

        public IClientProxy GroupExcept(string groupName, IReadOnlyList<string> excludedConnectionIds) => Wrap(inner.GroupExcept(groupName, excludedConnectionIds));

        public IClientProxy Groups(IReadOnlyList<string> groupNames) => Wrap(inner.Groups(groupNames));

        public IClientProxy User(string userId) => Wrap(inner.User(userId));

        public IClientProxy Users(IReadOnlyList<string> userIds) => Wrap(inner.Users(userIds));

        private MeasuredProxy Wrap(IClientProxy proxy) => new(proxy, metrics);
    }

    private sealed class MeasuredProxy(IClientProxy inner, LiveMetrics metrics) : ISingleClientProxy
    {
        public async Task SendCoreAsync(string method, object?[] args, CancellationToken cancellationToken = default)
        {
            await inner.SendCoreAsync(method, args, cancellationToken);
            if (args is [var payload]) metrics.Sent(payload);
        }

        /// <summary>A client result (one connection only): nothing to measure, passed through.</summary>
        public Task<T> InvokeCoreAsync<T>(string method, object?[] args, CancellationToken cancellationToken) =>
            inner is ISingleClientProxy single ? single.InvokeCoreAsync<T>(method, args, cancellationToken)
                : throw new NotSupportedException("Client results need a single connection.");
    }
}
