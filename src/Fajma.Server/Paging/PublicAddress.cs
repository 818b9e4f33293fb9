using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Fajma.Server.Paging;

/// <summary>The address links in pages point at: <c>Paging:PublicUrl</c>, else the first address this server listens on.</summary>
public sealed class PublicAddress(IOptions<PagingOptions> options, IServer server)
{
    public Uri Base => options.Value.PublicUrl
        ?? (server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() is { } first ? new Uri(first) : new Uri("http://localhost"));

    public Uri Link(string pathAndQuery) => new(Base, pathAndQuery);
}
