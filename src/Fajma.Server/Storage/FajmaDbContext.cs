using Microsoft.EntityFrameworkCore;

namespace Fajma.Server.Storage;

/// <summary>
/// The store. Tables and columns are snake_case on every provider; times are stored as Unix
/// milliseconds (bigint), which sort and compare the same way on SQLite and PostgreSQL.
/// Each provider has its own derived context so each keeps its own migrations.
/// </summary>
public abstract partial class FajmaDbContext(DbContextOptions options) : DbContext(options)
{
    /// <summary>The keys of the sealed identity columns; null only for design-time tools (migrations), which read no row.</summary>
    internal IdentityKeyring? IdentityKeys { get; } = options.FindExtension<IdentitySealExtension>()?.Keyring;

    public DbSet<Patient> Patients => Set<Patient>();

    public DbSet<Device> Devices => Set<Device>();

    public DbSet<IngestedMessage> IngestedMessages => Set<IngestedMessage>();

    public DbSet<Observation> Observations => Set<Observation>();

    public DbSet<ObservationMinute> ObservationMinutes => Set<ObservationMinute>();

    public DbSet<DeadLetter> DeadLetters => Set<DeadLetter>();

    public DbSet<User> Users => Set<User>();

    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();

    public DbSet<PasswordResetToken> PasswordResetTokens => Set<PasswordResetToken>();
    public DbSet<UserMfa> UserMfa => Set<UserMfa>();

    public DbSet<MfaRecoveryCode> MfaRecoveryCodes => Set<MfaRecoveryCode>();

    public DbSet<MfaChallenge> MfaChallenges => Set<MfaChallenge>();

    public DbSet<CareTeamMember> CareTeam => Set<CareTeamMember>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<PatientKey> PatientKeys => Set<PatientKey>();

    public DbSet<Consultation> Consultations => Set<Consultation>();

    public DbSet<ConsultationEvent> ConsultationEvents => Set<ConsultationEvent>();

    public DbSet<ChatMessage> ChatMessages => Set<ChatMessage>();

    public DbSet<ChatReadMark> ChatReadMarks => Set<ChatReadMark>();

    public DbSet<DeviceCommand> DeviceCommands => Set<DeviceCommand>();

    public DbSet<ConsultationGuest> ConsultationGuests => Set<ConsultationGuest>();

    public DbSet<Follow> Follows => Set<Follow>();

    public DbSet<PatientAlertThreshold> AlertThresholds => Set<PatientAlertThreshold>();

    public DbSet<Alert> Alerts => Set<Alert>();

    public DbSet<AlertPreference> AlertPreferences => Set<AlertPreference>();

    public DbSet<News2Assessment> News2Assessments => Set<News2Assessment>();

    public DbSet<PatientAlarmProfile> AlarmProfiles => Set<PatientAlarmProfile>();

    public DbSet<PatientAlarmSnooze> AlarmSnoozes => Set<PatientAlarmSnooze>();

    public DbSet<Rota> Rotas => Set<Rota>();

    public DbSet<RotaMember> RotaMembers => Set<RotaMember>();

    public DbSet<RotaCover> RotaCovers => Set<RotaCover>();

    public DbSet<WebPushSubscription> PushSubscriptions => Set<WebPushSubscription>();

    public DbSet<PagingContact> PagingContacts => Set<PagingContact>();

    public DbSet<PageDelivery> PageDeliveries => Set<PageDelivery>();

    public DbSet<PatientReview> PatientReviews => Set<PatientReview>();

    public DbSet<Nudge> Nudges => Set<Nudge>();

    public DbSet<ErasureRequest> ErasureRequests => Set<ErasureRequest>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UnixMillisecondsConverter>();
        configurationBuilder.Properties<string>().HaveMaxLength(256);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<Device>(e =>
        {
            e.Property(d => d.Id).HasMaxLength(64);
            e.Property(d => d.Type).HasMaxLength(32);
            e.HasOne(d => d.Patient).WithMany(p => p.Devices).HasForeignKey(d => d.PatientId).OnDelete(DeleteBehavior.SetNull);
            e.HasIndex(d => d.PatientId);
        });
        modelBuilder.Entity<IngestedMessage>(e =>
        {
            e.Property(m => m.MessageKey).HasMaxLength(140);
            e.Property(m => m.Source).HasMaxLength(Fajma.Core.Messages.RelayedSource.MaxLength);
            e.HasIndex(m => new { m.DeviceId, m.MessageKey }).IsUnique();
        });
        ObservationModel.Configure(modelBuilder);
        modelBuilder.Entity<DeadLetter>(e =>
        {
            e.Property(d => d.Fields).HasMaxLength(1000);
            e.HasIndex(d => d.ReceivedAt);
        });
        modelBuilder.Entity<User>(e =>
        {
            e.Property(u => u.Role).HasMaxLength(16);
            e.Property(u => u.PasswordHash).HasMaxLength(512);
            e.HasOne<Patient>().WithMany().HasForeignKey(u => u.PatientId).OnDelete(DeleteBehavior.SetNull);
        });
        modelBuilder.Entity<RefreshToken>(e =>
        {
            e.Property(t => t.TokenHash).HasMaxLength(64);
            e.HasIndex(t => t.TokenHash).IsUnique();
            e.HasIndex(t => t.FamilyId);
            e.HasOne<User>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<CareTeamMember>(e =>
        {
            e.HasKey(c => new { c.DoctorId, c.PatientId });
            e.HasOne<User>().WithMany().HasForeignKey(c => c.DoctorId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Patient>().WithMany().HasForeignKey(c => c.PatientId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(c => c.PatientId);
        });
        modelBuilder.Entity<Rota>(e =>
        {
            e.Property(r => r.Name).HasMaxLength(100);
            e.Property(r => r.TimeZone).HasMaxLength(64);
            e.Property(r => r.HandoverTimes).HasMaxLength(200);
            e.Property(r => r.FirstHandover).HasMaxLength(16);
            e.HasIndex(r => r.Name).IsUnique();
            e.HasMany(r => r.Members).WithOne().HasForeignKey(m => m.RotaId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(r => r.Covers).WithOne().HasForeignKey(c => c.RotaId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<RotaMember>(e =>
        {
            e.HasKey(m => new { m.RotaId, m.Position });
            e.HasOne<User>().WithMany().HasForeignKey(m => m.DoctorId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(m => m.DoctorId);
        });
        modelBuilder.Entity<RotaCover>(e =>
        {
            e.HasOne<User>().WithMany().HasForeignKey(c => c.DoctorId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(c => new { c.RotaId, c.From });
        });
        modelBuilder.Entity<AuditEntry>(e =>
        {
            e.Property(a => a.Id).ValueGeneratedNever();
            e.Property(a => a.Action).HasMaxLength(40);
            e.Property(a => a.Detail).HasMaxLength(500);
            e.Property(a => a.Target).HasMaxLength(500);
            e.Property(a => a.Source).HasMaxLength(500);
            e.Property(a => a.PreviousHash).HasMaxLength(64);
            e.Property(a => a.Hash).HasMaxLength(64);
            e.HasIndex(a => a.PatientId);
            e.HasIndex(a => a.ActorId);
        });
        modelBuilder.Entity<PatientKey>(e =>
        {
            e.HasKey(k => k.PatientId);
            e.Property(k => k.PatientId).ValueGeneratedNever();
            e.Property(k => k.MasterKeyId).HasMaxLength(16);
            // No foreign key: erasing the patient's key must not depend on (or cascade from) the patient row.
        });
        modelBuilder.Entity<PatientReview>(e =>
        {
            // The board asks for each patient's latest review.
            e.HasIndex(r => new { r.PatientId, r.At });
            e.Property(r => r.SealedNote).HasMaxLength(4096);
            e.HasOne<Patient>().WithMany().HasForeignKey(r => r.PatientId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<User>().WithMany().HasForeignKey(r => r.DoctorId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<ErasureRequest>(e =>
        {
            e.Property(r => r.Reason).HasMaxLength(1000);
            e.Property(r => r.DecisionReason).HasMaxLength(1000);
            e.Property(r => r.Status).HasMaxLength(16);
            e.HasIndex(r => new { r.PatientId, r.Status });
            // No foreign key to the patient: the request outlives what it erased, as the proof it was asked and decided.
        });
        ConfigureConsultations(modelBuilder);
        IdentityModel.Configure(modelBuilder, IdentityKeys);
        SnakeCaseNames.Apply(modelBuilder);
    }

    private static void ConfigureConsultations(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Consultation>(e =>
        {
            e.Property(c => c.Reason).HasMaxLength(500);
            e.Property(c => c.FailureReason).HasMaxLength(500);
            e.Property(c => c.State).HasConversion<string>().HasMaxLength(16);
            e.Property(c => c.RecordingConsent).HasConversion<string>().HasMaxLength(16);
            e.HasOne<Patient>().WithMany().HasForeignKey(c => c.PatientId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<User>().WithMany().HasForeignKey(c => c.DoctorId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(c => new { c.DoctorId, c.ScheduledAt });
            e.HasIndex(c => new { c.PatientId, c.ScheduledAt });
            e.HasIndex(c => c.State);
        });
        modelBuilder.Entity<ConsultationEvent>(e =>
        {
            e.Property(c => c.ActorRole).HasConversion<string>().HasMaxLength(16);
            e.Property(c => c.Trigger).HasConversion<string>().HasMaxLength(16);
            e.Property(c => c.From).HasConversion<string>().HasMaxLength(16);
            e.Property(c => c.To).HasConversion<string>().HasMaxLength(16);
            e.Property(c => c.Reason).HasMaxLength(500);
            e.HasOne<Consultation>().WithMany().HasForeignKey(c => c.ConsultationId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(c => new { c.ConsultationId, c.Id });
        });
        modelBuilder.Entity<ChatMessage>(e =>
        {
            e.HasOne<Consultation>().WithMany().HasForeignKey(m => m.ConsultationId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(m => new { m.ConsultationId, m.Sequence }).IsUnique();
            e.HasIndex(m => new { m.ConsultationId, m.ClientMessageId }).IsUnique();
        });
        modelBuilder.Entity<ChatReadMark>(e =>
        {
            e.HasKey(m => new { m.ConsultationId, m.UserId });
            e.HasOne<Consultation>().WithMany().HasForeignKey(m => m.ConsultationId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<PatientAlertThreshold>(e =>
        {
            e.HasKey(t => new { t.PatientId, t.Type });
            e.Property(t => t.Type).HasMaxLength(32);
            e.HasOne<Patient>().WithMany().HasForeignKey(t => t.PatientId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<Follow>(e =>
        {
            e.Property(f => f.Relationship).HasMaxLength(50);
            e.Property(f => f.TokenHash).HasMaxLength(64);
            e.HasIndex(f => f.TokenHash).IsUnique();
            e.HasIndex(f => new { f.FollowerUserId, f.PatientId });
            e.HasIndex(f => f.PatientId);
            e.HasOne<Patient>().WithMany().HasForeignKey(f => f.PatientId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<User>().WithMany().HasForeignKey(f => f.FollowerUserId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<ConsultationGuest>(e =>
        {
            e.Property(g => g.TokenHash).HasMaxLength(64);
            e.HasIndex(g => g.TokenHash).IsUnique();
            e.HasIndex(g => g.GuestUserId);
            e.HasOne<Consultation>().WithMany().HasForeignKey(g => g.ConsultationId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<User>().WithMany().HasForeignKey(g => g.GuestUserId).OnDelete(DeleteBehavior.SetNull);
        });
        modelBuilder.Entity<DeviceCommand>(e =>
        {
            e.HasKey(c => c.CorrelationId);
            e.Property(c => c.DeviceId).HasMaxLength(64);
            e.Property(c => c.Command).HasMaxLength(40);
            e.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(c => c.Detail).HasMaxLength(500);
            e.HasIndex(c => c.ConsultationId);
            e.HasIndex(c => new { c.DeviceId, c.Status });
            e.Property(c => c.IdempotencyKey).HasMaxLength(100);
            e.Property(c => c.RequestHash).HasMaxLength(64);
            e.Property(c => c.Sensor).HasMaxLength(20);
            // A retried request finds its command; two racing ones cannot both insert (NULL keys never collide).
            e.HasIndex(c => new { c.RequestedBy, c.DeviceId, c.IdempotencyKey }).IsUnique();
            // The sweep: commands still queued or awaiting an answer.
            e.HasIndex(c => new { c.Status, c.ExpiresAt });
        });
        AlertModel.Configure(modelBuilder);
        PagingModel.Configure(modelBuilder);
        NudgeModel.Configure(modelBuilder);
        SignInModel.Configure(modelBuilder);
    }
}
