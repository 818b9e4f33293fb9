namespace Fajma.Server.Identity;

/// <summary>Claim names in Fajma's access tokens (short JWT names; inbound claim mapping is off).</summary>
public static class FajmaClaims
{
    public const string Subject = "sub";
    public const string Name = "name";
    public const string Email = "email";
    public const string Role = "role";
    public const string PatientId = "patient_id";

    /// <summary>How the session signed in (RFC 8176): holds <see cref="SecondFactorMethod"/> once a second factor was passed.</summary>
    public const string AuthenticationMethods = "amr";

    public const string SecondFactorMethod = "mfa";

    /// <summary>The sign-in session (refresh-token family); logging out revokes it, and with it its access tokens.</summary>
    public const string Session = "sid";
}
