namespace Fajma.Server.Identity;

public static class Policies
{
    /// <summary>Device and account management.</summary>
    public const string Admin = "admin";

    /// <summary>Scheduling and running consultations.</summary>
    public const string Doctor = "doctor";

    /// <summary>Doctors and admins: the accounts a second factor protects (their own enrolment).</summary>
    public const string Clinician = "clinician";

    /// <summary>A patient managing their own account (their followers).</summary>
    public const string Patient = "patient";

    /// <summary>A follower reading what the patients they follow share with them.</summary>
    public const string Follower = "follower";
}
