using Microsoft.EntityFrameworkCore;

namespace Fajma.Server.Storage;

/// <summary>The paging tables' mapping: push subscriptions, contacts and delivery receipts.</summary>
internal static class PagingModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<WebPushSubscription>(e =>
        {
            e.Property(s => s.Endpoint).HasMaxLength(1024);
            e.Property(s => s.P256dh).HasMaxLength(128);
            e.Property(s => s.Auth).HasMaxLength(64);
            e.Property(s => s.Language).HasMaxLength(8);
            e.HasIndex(s => s.Endpoint).IsUnique();
            e.HasIndex(s => s.UserId);
            e.HasOne<User>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<PagingContact>(e =>
        {
            e.HasKey(c => c.UserId);
            e.Property(c => c.UserId).ValueGeneratedNever();
            e.HasOne<User>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<PageDelivery>(e =>
        {
            e.Property(d => d.Id).ValueGeneratedNever();
            e.Property(d => d.Channel).HasMaxLength(8);
            e.Property(d => d.Status).HasMaxLength(16);
            e.Property(d => d.Target).HasMaxLength(128);
            e.Property(d => d.ProviderId).HasMaxLength(128);
            e.Property(d => d.Detail).HasMaxLength(500);
            e.HasIndex(d => new { d.AlertId, d.UserId });
            e.HasIndex(d => d.ProviderId);
            e.HasOne<User>().WithMany().HasForeignKey(d => d.UserId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
