using System.Security.Cryptography;
using System.Text;
using Fajma.Core.Crypto;
using Fajma.Server.Privacy;
using Fajma.Server.Storage;
using Microsoft.EntityFrameworkCore;
using OtpNet;
using QRCoder;

namespace Fajma.Server.Identity;

/// <summary>
/// TOTP (RFC 6238: SHA-1, 6 digits, 30 s, one step of drift either way) and recovery codes. The secret is sealed under the
/// platform key (<see cref="PatientKeys.Platform"/>); an accepted step is remembered so a code is never accepted twice.
/// </summary>
public sealed class SecondFactor(IDbContextFactory<FajmaDbContext> store, PatientKeys keys, TimeProvider time)
{
    public const int RecoveryCodeCount = 10;
    private const string Issuer = "Fajma";

    public async Task<bool> IsEnabledAsync(int userId, CancellationToken cancellationToken)
    {
        await using var db = await store.CreateDbContextAsync(cancellationToken);
        return await db.UserMfa.AnyAsync(m => m.UserId == userId && m.ConfirmedAt != null, cancellationToken);
    }

    /// <summary>A new secret awaiting its first code (replacing an unconfirmed one); null when a second factor is already on.</summary>
    public async Task<MfaEnrolmentDto?> StartEnrolmentAsync(User user, CancellationToken cancellationToken)
    {
        await using var db = await store.CreateDbContextAsync(cancellationToken);
        var existing = await db.UserMfa.SingleOrDefaultAsync(m => m.UserId == user.Id, cancellationToken);
        if (existing?.ConfirmedAt is not null) return null;
        var secret = KeyGeneration.GenerateRandomKey(20);
        var sealedSecret = TextSeal.Seal(await keys.GetOrCreateAsync(PatientKeys.Platform, cancellationToken), PatientKeys.Platform, Record(user.Id), Base32Encoding.ToString(secret));
        if (existing is null) db.UserMfa.Add(new UserMfa { UserId = user.Id, SealedSecret = sealedSecret, CreatedAt = time.GetUtcNow() });
        else (existing.SealedSecret, existing.CreatedAt, existing.LastStep) = (sealedSecret, time.GetUtcNow(), 0);
        await db.SaveChangesAsync(cancellationToken);
        var uri = new OtpUri(OtpType.Totp, secret, user.Email, Issuer).ToString();
        using var generator = new QRCodeGenerator();
        using var qr = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        return new MfaEnrolmentDto(uri, Base32Encoding.ToString(secret), "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(qr).GetGraphic(6)));
    }

    /// <summary>Turns the second factor on with the enrolment's first code: ten recovery codes, or null for a wrong code.</summary>
    public async Task<IReadOnlyList<string>?> ConfirmAsync(int userId, string code, CancellationToken cancellationToken)
    {
        await using var db = await store.CreateDbContextAsync(cancellationToken);
        var mfa = await db.UserMfa.SingleOrDefaultAsync(m => m.UserId == userId && m.ConfirmedAt == null, cancellationToken);
        if (mfa is null || await AcceptedStepAsync(mfa, code, cancellationToken) is not { } step) return null;
        var codes = Enumerable.Range(0, RecoveryCodeCount).Select(_ => NewRecoveryCode()).ToList();
        await db.MfaRecoveryCodes.Where(c => c.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        db.MfaRecoveryCodes.AddRange(codes.Select(c => new MfaRecoveryCode { UserId = userId, CodeHash = TokenIssuer.Hash(c) }));
        (mfa.ConfirmedAt, mfa.LastStep) = (time.GetUtcNow(), step);
        await db.SaveChangesAsync(cancellationToken);
        return codes;
    }

    /// <summary>True for a right code of a step later than the last one accepted (the step is then spent, on every node).</summary>
    public async Task<bool> VerifyAsync(int userId, string code, CancellationToken cancellationToken)
    {
        await using var db = await store.CreateDbContextAsync(cancellationToken);
        var mfa = await db.UserMfa.AsNoTracking().SingleOrDefaultAsync(m => m.UserId == userId && m.ConfirmedAt != null, cancellationToken);
        if (mfa is null || await AcceptedStepAsync(mfa, code, cancellationToken) is not { } step) return false;
        // Compare-and-set: of two sign-ins racing with one code, only one moves the step on.
        return await db.UserMfa.Where(m => m.UserId == userId && m.LastStep < step)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LastStep, step), cancellationToken) == 1;
    }

    /// <summary>True once for each recovery code: it is spent as it is accepted.</summary>
    public async Task<bool> UseRecoveryCodeAsync(int userId, string code, CancellationToken cancellationToken)
    {
        await using var db = await store.CreateDbContextAsync(cancellationToken);
        var hash = TokenIssuer.Hash(Normalize(code));
        var now = time.GetUtcNow();
        return await db.MfaRecoveryCodes.Where(c => c.UserId == userId && c.CodeHash == hash && c.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.UsedAt, now), cancellationToken) == 1;
    }

    /// <summary>An admin's reset: the second factor and its recovery codes are gone; the user enrols again.</summary>
    public async Task<bool> ResetAsync(int userId, CancellationToken cancellationToken)
    {
        await using var db = await store.CreateDbContextAsync(cancellationToken);
        await db.MfaRecoveryCodes.Where(c => c.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        return await db.UserMfa.Where(m => m.UserId == userId).ExecuteDeleteAsync(cancellationToken) > 0;
    }

    private async Task<long?> AcceptedStepAsync(UserMfa mfa, string code, CancellationToken cancellationToken)
    {
        var key = await keys.GetOrCreateAsync(PatientKeys.Platform, cancellationToken);
        var secret = Base32Encoding.ToBytes(TextSeal.Open(key, PatientKeys.Platform, Record(mfa.UserId), mfa.SealedSecret));
        var totp = new Totp(secret);
        var ok = totp.VerifyTotp(time.GetUtcNow().UtcDateTime, (code ?? "").Trim(), out var step, new VerificationWindow(1, 1));
        return ok && step > mfa.LastStep ? step : null;
    }

    private static string Record(int userId) => $"mfa|user:{userId}";

    private static string NewRecoveryCode()
    {
        var text = Base32Encoding.ToString(RandomNumberGenerator.GetBytes(7))[..10].ToLowerInvariant();
        return $"{text[..5]}-{text[5..]}";
    }

    private static string Normalize(string code) => (code ?? "").Trim().ToLowerInvariant().Replace(" ", "", StringComparison.Ordinal);

}
