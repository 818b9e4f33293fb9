namespace Fajma.Server.Identity;

/// <summary>
/// Carries a session's revocation to the live connections it must close. In-process for one node
/// (<see cref="LocalRevocationFanOut"/>); a Redis fan-out to every node can implement it for scale-out.
/// </summary>
public interface IRevocationFanOut
{
    void Revoked(Guid session);
}
