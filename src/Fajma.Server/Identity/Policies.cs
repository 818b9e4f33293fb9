namespace Fajma.Server.Identity;

public static class Policies
{
    /// <summary>Device and account management.</summary>
    public const string Admin = "admin";

    /// <summary>Scheduling and running consultations.</summary>
    public const string Doctor = "doctor";
}
