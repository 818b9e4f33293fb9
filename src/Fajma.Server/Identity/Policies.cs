namespace Fajma.Server.Identity;

public static class Policies
{
    /// <summary>Device and account management.</summary>
    public const string Admin = "admin";

    /// <summary>Scheduling and running consultations.</summary>
    public const string Doctor = "doctor";

    /// <summary>Doctors and admins: the accounts a second factor protects (their own enrolment).</summary>
    public const string Clinician = "clinician";

    /// <summary>
    /// Signed in, and a passed second factor when <see cref="AuthOptions.RequireMfaFor"/> names the role: on every route but
    /// sign-in and enrolment (FajmaServer).
    /// </summary>
    public const string SecondFactor = "second-factor";

    /// <summary>A patient managing their own account (their followers).</summary>
    public const string Patient = "patient";

    /// <summary>A follower reading what the patients they follow share with them.</summary>
    public const string Follower = "follower";
}
