using System.Security.Cryptography;
using System.Text;
using Fajma.Server.Paging.Push;
using System.Buffers.Text;

namespace Fajma.Server.Paging.Deliveries;

/// <summary>
/// The capability a page carries to report on itself without a session: a service worker woken with no tab open, a
/// link opened from an SMS. An HMAC of the delivery id under a key derived from the VAPID key (which every node shares),
/// so it answers for that one delivery only.
/// </summary>
public sealed class ReceiptTokens(VapidKeys vapid)
{
    private readonly byte[] _key = HKDF.DeriveKey(HashAlgorithmName.SHA256, Base64Url.DecodeFromChars(vapid.PrivateKey), 32,
        info: Encoding.ASCII.GetBytes("fajma/paging/receipt-token/v1"));

    public string For(Guid deliveryId) => Base64Url.EncodeToString(HMACSHA256.HashData(_key, deliveryId.ToByteArray()).AsSpan(0, 16));

    public bool Verify(Guid deliveryId, string? token) =>
        token is { Length: 22 } && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(For(deliveryId)), Encoding.ASCII.GetBytes(token));
}
