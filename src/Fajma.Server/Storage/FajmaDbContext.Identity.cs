using Microsoft.EntityFrameworkCore;

namespace Fajma.Server.Storage;

public abstract partial class FajmaDbContext
{
    /// <summary>The account with this e-mail address, found by its blind index (the address itself is sealed).</summary>
    public IQueryable<User> UsersByEmail(string email)
    {
        var indexes = Keys.Indexes(EmailColumn, email);
        return Users.Where(u => u.EmailIndex != null && indexes.Contains(u.EmailIndex));
    }

    /// <summary>
    /// How the audit trail names an address it must not hold (a sign-in attempt's): <c>email#</c> and its blind index, the
    /// same for every attempt at one address while the master key stays.
    /// </summary>
    public string AuditNameOfEmail(string email) => "email#" + Keys.Index(EmailColumn, email);

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        IndexEmails();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        IndexEmails();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    // Every write path that sets an address (accounts, invitations, guests, erasure) gets its index here, in one place.
    private void IndexEmails()
    {
        foreach (var entry in ChangeTracker.Entries<User>())
            if (entry.State == EntityState.Added
                || (entry.State == EntityState.Modified && (entry.Property(u => u.Email).IsModified || entry.Entity.EmailIndex is null)))
                entry.Entity.EmailIndex = Keys.Index(EmailColumn, entry.Entity.Email);
    }

    private const string EmailColumn = "User.Email";

    private IdentityKeyring Keys => IdentityKeys ?? throw new InvalidOperationException("this context was built without the master key (UseIdentitySeal)");
}
