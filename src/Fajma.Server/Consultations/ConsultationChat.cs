using System.Collections.Concurrent;
using Fajma.Core.Crypto;
using Fajma.Server.Privacy;
using Fajma.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Fajma.Server.Consultations;

/// <summary>
/// A consultation's chat: each message stored (text sealed under the patient's key) with the next sequence
/// number before anyone hears of it; a resend with the same client message id returns the stored one, so
/// a client that lost the answer can retry without doubling. Sequences are given out one at a time per
/// consultation on a node; across the nodes of a cluster the unique indexes decide, and the loser takes the next number.
/// </summary>
public sealed class ConsultationChat(IDbContextFactory<FajmaDbContext> store, PatientKeys keys, TimeProvider time) : IDisposable
{
    public const int MaxLength = 4000;

    private readonly ConcurrentDictionary<int, SemaphoreSlim> _gates = new();

    public async Task<(ChatMessageDto Message, bool Created)> SendAsync(int consultationId, int senderId, Guid clientMessageId, string? text,
        CancellationToken cancellationToken)
    {
        if (clientMessageId == Guid.Empty) throw new ConsultationRefusedException("clientMessageId: a new uuid per message is required");
        if (string.IsNullOrWhiteSpace(text)) throw new ConsultationRefusedException("text: a message cannot be empty");
        if (text.Length > MaxLength) throw new ConsultationRefusedException($"text: {text.Length} characters; the limit is {MaxLength}");

        var gate = _gates.GetOrAdd(consultationId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return await StoreAsync(consultationId, senderId, clientMessageId, text, cancellationToken);
                }
                catch (DbUpdateException) when (attempt < 5)
                {
                    // Another node gave out this sequence (or stored this very message) first: read again and retry.
                }
            }
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<(ChatMessageDto Message, bool Created)> StoreAsync(int consultationId, int senderId, Guid clientMessageId, string text,
        CancellationToken cancellationToken)
    {
        await using var db = store.CreateDbContext();
        var consultation = await db.Consultations.SingleAsync(c => c.Id == consultationId, cancellationToken);
        var existing = await db.ChatMessages.AsNoTracking()
            .SingleOrDefaultAsync(m => m.ConsultationId == consultationId && m.ClientMessageId == clientMessageId, cancellationToken);
        if (existing is not null) return ((await OpenAsync(db, consultation, [existing], cancellationToken))[0], false);

        var message = new ChatMessage
        {
            ConsultationId = consultationId, Sequence = ++consultation.LastChatSequence, ClientMessageId = clientMessageId,
            SenderId = senderId, SentAt = time.GetUtcNow(), Sealed = [],
        };
        var key = await keys.GetOrCreateAsync(consultation.PatientId, cancellationToken);
        message.Sealed = TextSeal.Seal(key, consultation.PatientId, TextSeal.ChatRecord(consultationId, message.Sequence), text);
        db.ChatMessages.Add(message);
        await db.SaveChangesAsync(cancellationToken); // the message and the consultation's last sequence, in one commit
        return ((await OpenAsync(db, consultation, [message], cancellationToken))[0], true);
    }

    /// <summary>Messages after <paramref name="afterSequence"/>, in order: what a reconnecting client missed.</summary>
    public async Task<List<ChatMessageDto>> SinceAsync(Consultation consultation, long afterSequence, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(consultation);
        await using var db = store.CreateDbContext();
        var rows = await db.ChatMessages.AsNoTracking().Where(m => m.ConsultationId == consultation.Id && m.Sequence > afterSequence)
            .OrderBy(m => m.Sequence).Take(limit).ToListAsync(cancellationToken);
        return await OpenAsync(db, consultation, rows, cancellationToken);
    }

    private async Task<List<ChatMessageDto>> OpenAsync(FajmaDbContext db, Consultation consultation, List<ChatMessage> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0) return [];
        var key = await keys.FindAsync(consultation.PatientId, cancellationToken);
        if (key is null) return []; // erased: the texts are gone for good
        var senders = rows.Select(r => r.SenderId).Distinct().ToList();
        var people = await db.Users.AsNoTracking().Where(u => senders.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => (u.DisplayName, u.Role), cancellationToken);
        return rows.Select(r => (Row: r, Sender: people.GetValueOrDefault(r.SenderId, (DisplayName: "?", Role: "?")))).Select(x => new ChatMessageDto(
            consultation.Id, x.Row.Sequence, x.Row.ClientMessageId, x.Row.SenderId, x.Sender.Role, x.Sender.DisplayName,
            ConsultationReads.Open(key, consultation.PatientId, TextSeal.ChatRecord(consultation.Id, x.Row.Sequence), x.Row.Sealed,
                $"chat message {x.Row.Sequence} of consultation {consultation.Id}"),
            x.Row.SentAt)).ToList();
    }

    public void Dispose()
    {
        foreach (var gate in _gates.Values) gate.Dispose();
    }
}
