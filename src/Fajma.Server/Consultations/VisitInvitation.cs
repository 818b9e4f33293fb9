using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace Fajma.Server.Consultations;

/// <summary>
/// The visit as an iCalendar invitation (RFC 5545, iTIP RFC 5546): one UID per consultation so calendars update
/// the same event, SEQUENCE one more at each move, METHOD:REQUEST while it stands and CANCEL once called off.
/// </summary>
public static class VisitInvitation
{
    public const string ContentType = "text/calendar";

    /// <summary>Stable across moves and the cancellation: what calendars match on.</summary>
    public static string Uid(int consultationId) => $"consultation-{consultationId}@fajma";

    public static string Build(VisitInvitationFacts facts, string language, DateTimeOffset stamp)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var fr = language == "fr";
        var visit = new CalendarEvent
        {
            Uid = Uid(facts.ConsultationId),
            Sequence = facts.Sequence,
            DtStamp = new CalDateTime(stamp.UtcDateTime),
            DtStart = new CalDateTime(facts.ScheduledAt.UtcDateTime),
            DtEnd = new CalDateTime((facts.ScheduledAt + facts.Length).UtcDateTime),
            Summary = fr ? $"Téléconsultation avec {facts.DoctorName}" : $"Video consultation with {facts.DoctorName}",
            Description = (fr
                ? $"Rejoindre la consultation (testez d'abord caméra, micro et réseau) : {facts.JoinLink}"
                : $"Join the consultation (test your camera, microphone and network first): {facts.JoinLink}"),
            Location = facts.JoinLink.ToString(),
            Url = facts.JoinLink,
            Status = facts.Cancelled ? EventStatus.Cancelled : EventStatus.Confirmed,
            Organizer = new Organizer($"mailto:{facts.DoctorEmail}") { CommonName = facts.DoctorName },
        };
        foreach (var (name, email) in facts.Patients)
            visit.Attendees.Add(new Attendee($"mailto:{email}") { CommonName = name, Role = "REQ-PARTICIPANT", ParticipationStatus = "NEEDS-ACTION" });
        var calendar = new Calendar { Method = facts.Cancelled ? "CANCEL" : "REQUEST" };
        calendar.AddProperty("X-WR-CALNAME", "Fajma");
        calendar.Events.Add(visit);
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }
}
