using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Fajma.Server.Storage;

/// <summary>
/// Carries the <see cref="IdentityKeyring"/> to the model, whose value converters seal identity columns. Every instance
/// shares EF's internal service provider; the model is cached per keyring (<see cref="IdentityModelCacheKey"/>).
/// </summary>
public sealed class IdentitySealExtension(IdentityKeyring keyring) : IDbContextOptionsExtension
{
    public IdentityKeyring Keyring { get; } = keyring;

    public DbContextOptionsExtensionInfo Info => new ExtensionInfo(this);

    public void ApplyServices(IServiceCollection services) { }

    public void Validate(IDbContextOptions options) { }

    private sealed class ExtensionInfo(IdentitySealExtension extension) : DbContextOptionsExtensionInfo(extension)
    {
        public override bool IsDatabaseProvider => false;

        public override string LogFragment => "IdentitySeal ";

        public override int GetServiceProviderHashCode() => 0;

        public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) => other is ExtensionInfo;

        public override void PopulateDebugInfo(IDictionary<string, string> debugInfo) =>
            debugInfo["IdentitySeal:Keys"] = ((IdentitySealExtension)Extension).Keyring.Fingerprint;
    }
}

/// <summary>One model per context type and identity keyring (the converters hold the keys).</summary>
internal sealed class IdentityModelCacheKey : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) =>
        (context.GetType(), designTime, (context as FajmaDbContext)?.IdentityKeys?.Fingerprint);
}

public static class IdentitySealOptions
{
    /// <summary>Seals identity columns with <paramref name="keyring"/>.</summary>
    public static DbContextOptionsBuilder UseIdentitySeal(this DbContextOptionsBuilder builder, IdentityKeyring keyring)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ((IDbContextOptionsBuilderInfrastructure)builder).AddOrUpdateExtension(new IdentitySealExtension(keyring));
        return builder.ReplaceService<IModelCacheKeyFactory, IdentityModelCacheKey>();
    }
}
