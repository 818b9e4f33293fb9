namespace Fajma.Server.Patients;

/// <summary>What a follow lets its follower see of the patient (the patient chooses; Storage.Follow).</summary>
public enum FollowScope
{
    /// <summary>Vitals within the follow's history window.</summary>
    Vitals,

    /// <summary>The patient's open alerts, and pages about them.</summary>
    Alerts,

    /// <summary>The live monitoring stream, which carries vitals and alerts together: both must be shared.</summary>
    Live,
}
