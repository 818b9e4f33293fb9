namespace Fajma.Server.Identity;

public static class Roles
{
    public const string Doctor = "doctor";
    public const string Patient = "patient";
    public const string Admin = "admin";

    public static IReadOnlyList<string> All { get; } = [Doctor, Patient, Admin];
}
