namespace Fajma.Server.Identity;

public static class Roles
{
    public const string Doctor = "doctor";
    public const string Patient = "patient";
    public const string Admin = "admin";

    /// <summary>An invited third participant of one consultation; created only by redeeming an invitation, never by an admin.</summary>
    public const string Guest = "guest";

    /// <summary>A family member or caregiver following patients who invited them; created only by redeeming a patient's invitation.</summary>
    public const string Follower = "follower";

    /// <summary>The roles an admin may give an account.</summary>
    public static IReadOnlyList<string> All { get; } = [Doctor, Patient, Admin];
}
