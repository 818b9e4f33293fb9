using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Fajma.Server.Tests.Infrastructure;

/// <summary>
/// A browser's push service on 127.0.0.1 that does what a real one and the browser behind it would: it refuses a message
/// whose VAPID token (RFC 8292) is not signed by the key the subscription was made with or names another audience, and
/// decrypts the body (RFC 8291, aes128gcm) with the subscription's private key and auth secret, which the test holds.
/// </summary>
public sealed class FakePushService : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Dictionary<string, Browser> _browsers = [];
    private readonly Channel<Received> _received = Channel.CreateUnbounded<Received>();

    private FakePushService(WebApplication app) => _app = app;

    public Uri Url => new(_app.Urls.First());

    /// <summary>The status the service answers with (201 accepted; 410 a browser gone; 500 down).</summary>
    public int AnswerStatus { get; set; } = StatusCodes.Status201Created;

    /// <summary>The server's VAPID public key (base64url) every token must verify with.</summary>
    public string? ExpectedVapidKey { get; set; }

    /// <summary>Why messages were refused, for a failing test to say.</summary>
    public System.Collections.Concurrent.ConcurrentBag<string> Refusals { get; } = [];

    public sealed record Received(string Browser, JsonElement Payload, string? Urgency, string? Topic, int Ttl);

    public static async Task<FakePushService> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseSetting(Microsoft.AspNetCore.Hosting.WebHostDefaults.ServerUrlsKey, "http://127.0.0.1:0");
        var service = new FakePushService(builder.Build());
        service._app.MapPost("/push/{browser}", service.ReceiveAsync);
        await service._app.StartAsync();
        return service;
    }

    /// <summary>A new browser: its subscription as the browser's <c>PushSubscription.toJSON()</c> gives it.</summary>
    public object Subscribe(string name)
    {
        var key = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var auth = RandomNumberGenerator.GetBytes(16);
        _browsers[name] = new Browser(key, auth);
        return new { endpoint = $"{Url}push/{name}", expirationTime = (double?)null, keys = new { p256dh = Base64Url.EncodeToString(PublicPoint(key)), auth = Base64Url.EncodeToString(auth) } };
    }

    public Task<Received> NextAsync(Func<Received, bool> match, string what) => Wait.ForAsync(_received.Reader, match, what);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task<IResult> ReceiveAsync(string browser, HttpRequest request)
    {
        if (!_browsers.TryGetValue(browser, out var target)) return Results.StatusCode(StatusCodes.Status410Gone);
        if (VapidRefusal(request) is { } refusal)
        {
            Refusals.Add(refusal);
            return Results.Text(refusal, statusCode: StatusCodes.Status403Forbidden);
        }
        if (request.Headers.ContentEncoding != "aes128gcm") return Results.Text("aes128gcm only", statusCode: StatusCodes.Status415UnsupportedMediaType);
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        var plaintext = Decrypt(target, buffer.ToArray());
        if (AnswerStatus >= 300) return Results.StatusCode(AnswerStatus);
        using var json = JsonDocument.Parse(plaintext);
        _received.Writer.TryWrite(new Received(browser, json.RootElement.Clone(), request.Headers["Urgency"], request.Headers["Topic"],
            int.Parse(request.Headers["TTL"].ToString(), System.Globalization.CultureInfo.InvariantCulture)));
        return Results.StatusCode(AnswerStatus);
    }

    /// <summary>RFC 8292: <c>Authorization: vapid t=JWT, k=KEY</c>; the JWT is ES256 over the audience (this origin), an expiry within 24 h and a subject.</summary>
    private string? VapidRefusal(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("vapid ", StringComparison.Ordinal)) return "no vapid authorization";
        var parts = header[6..].Split(',', StringSplitOptions.TrimEntries).Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        if (parts["k"] != ExpectedVapidKey) return "not the key the browser subscribed with";
        var jwt = parts["t"].Split('.');
        using var ecdsa = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = Base64Url.DecodeFromChars(parts["k"]).AsSpan(1, 32).ToArray(), Y = Base64Url.DecodeFromChars(parts["k"]).AsSpan(33, 32).ToArray() },
        });
        if (!ecdsa.VerifyData(Encoding.ASCII.GetBytes(jwt[0] + "." + jwt[1]), Base64Url.DecodeFromChars(jwt[2]), HashAlgorithmName.SHA256))
            return "bad signature";
        using var claims = JsonDocument.Parse(Base64Url.DecodeFromChars(jwt[1]));
        var aud = claims.RootElement.GetProperty("aud").GetString();
        var exp = DateTimeOffset.FromUnixTimeSeconds(claims.RootElement.GetProperty("exp").GetInt64());
        // The origin; Lib.Net.Http.WebPush leaves out a non-default port (this service's), harmless for real services on 443.
        if (aud != $"{request.Scheme}://{request.Host}" && aud != $"{request.Scheme}://{request.Host.Host}") return $"audience {aud} is not this push service";
        if (exp <= DateTimeOffset.UtcNow || exp > DateTimeOffset.UtcNow.AddHours(24)) return "expiry must be within 24 hours";
        return claims.RootElement.TryGetProperty("sub", out _) ? null : "no subject";
    }

    /// <summary>RFC 8291 §3.4 and RFC 8188: one aes128gcm record, keys derived from ECDH with the sender's key and the auth secret.</summary>
    private static byte[] Decrypt(Browser browser, byte[] body)
    {
        var salt = body.AsSpan(0, 16).ToArray();
        var recordSize = BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(16, 4));
        var idLength = body[20];
        var senderPublic = body.AsSpan(21, idLength).ToArray();
        var ciphertext = body.AsSpan(21 + idLength).ToArray();
        if (ciphertext.Length > recordSize) throw new InvalidDataException("one record expected");
        using var sender = ECDiffieHellman.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = senderPublic.AsSpan(1, 32).ToArray(), Y = senderPublic.AsSpan(33, 32).ToArray() },
        });
        var shared = browser.Key.DeriveRawSecretAgreement(sender.PublicKey);
        byte[] keyInfo = [.. "WebPush: info\0"u8, .. PublicPoint(browser.Key), .. senderPublic];
        var ikm = HKDF.DeriveKey(HashAlgorithmName.SHA256, shared, 32, browser.Auth, keyInfo);
        var cek = HKDF.DeriveKey(HashAlgorithmName.SHA256, ikm, 16, salt, "Content-Encoding: aes128gcm\0"u8.ToArray());
        var nonce = HKDF.DeriveKey(HashAlgorithmName.SHA256, ikm, 12, salt, "Content-Encoding: nonce\0"u8.ToArray());
        var plain = new byte[ciphertext.Length - 16];
        using (var aes = new AesGcm(cek, 16)) aes.Decrypt(nonce, ciphertext.AsSpan(0, plain.Length), ciphertext.AsSpan(plain.Length), plain);
        var end = Array.LastIndexOf(plain, (byte)2); // the last record's padding delimiter, then zeros
        return plain[..end];
    }

    private static byte[] PublicPoint(ECDiffieHellman key)
    {
        var q = key.ExportParameters(false).Q;
        return [0x04, .. q.X!, .. q.Y!];
    }

    private sealed record Browser(ECDiffieHellman Key, byte[] Auth);
}
