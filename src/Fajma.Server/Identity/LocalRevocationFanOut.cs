namespace Fajma.Server.Identity;

/// <summary>One node: the revoked session's connections are all here.</summary>
public sealed class LocalRevocationFanOut(SessionConnections connections) : IRevocationFanOut
{
    public void Revoked(Guid session) => connections.CloseAll(session);
}
