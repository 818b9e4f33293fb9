using Fajma.Server.Platform;
using Microsoft.Extensions.Options;

namespace Fajma.Server.Privacy;

public static class PrivacyExtensions
{
    public static IHostApplicationBuilder AddPrivacy(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AuditLog>();
        if (!BuildTimeDocument.IsGenerating) builder.Services.AddHostedService(sp => sp.GetRequiredService<AuditLog>());

        builder.Services.Configure<EncryptionOptions>(builder.Configuration.GetSection(EncryptionOptions.Section));
        builder.Services.AddSingleton(sp => BuildTimeDocument.IsGenerating ? new MasterKeySet(MasterKey.New(), null) : MasterKeySet.Load(
            sp.GetRequiredService<IOptions<EncryptionOptions>>().Value.MasterKey,
            Path.Combine(sp.GetRequiredService<IOptions<Storage.StorageOptions>>().Value.DataDirectory, "keys", "master.key")));
        builder.Services.AddSingleton(sp => IdentityKeysOf(sp.GetRequiredService<MasterKeySet>()));
        builder.Services.AddSingleton<PatientKeys>();
        builder.Services.AddSingleton(sp => new ErasureLedger(
            Path.Combine(sp.GetRequiredService<IOptions<Storage.StorageOptions>>().Value.DataDirectory, "keys", "erasures.ledger")));
        builder.Services.AddSingleton<RestoreCheck>();
        builder.Services.AddExceptionHandler<SealBrokenHandler>();
        return builder;
    }

    // During a rotation new identity values are sealed under the key being rotated to; both keys read.
    private static Storage.IdentityKeyring IdentityKeysOf(MasterKeySet masters) => new(masters.Next is { } next
        ? [(next.Id, next.Bytes.ToArray()), (masters.Current.Id, masters.Current.Bytes.ToArray())]
        : [(masters.Current.Id, masters.Current.Bytes.ToArray())]);
}
