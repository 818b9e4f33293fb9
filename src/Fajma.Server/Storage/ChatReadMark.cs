namespace Fajma.Server.Storage;

/// <summary>How far a participant has read a consultation's chat.</summary>
public sealed class ChatReadMark
{
    public int ConsultationId { get; set; }

    public int UserId { get; set; }

    public long Sequence { get; set; }
}
