using System.Buffers;
using System.IO.Compression;
using Fajma.Core.Messages;
using Microsoft.Net.Http.Headers;

namespace Fajma.Server.Ingestion;

/// <summary>
/// Reads a request body up to a limit, refusing larger ones without buffering them. A body sent with
/// <c>Content-Encoding: gzip</c> (devices batch over slow links) is inflated, and the limit applies to what it inflates
/// to: a decompression bomb is cut at the limit and refused, not inflated.
/// </summary>
internal static class LimitedBody
{
    private const string Gzip = "gzip";

    /// <summary>The body (inflated), or the refusal: too large (413), or an encoding that is not gzip or not valid gzip (400).</summary>
    public static async Task<(byte[]? Body, MessageRejection? Refusal)> ReadAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        var encoding = request.Headers.ContentEncoding.ToString().Trim();
        var gzip = encoding.Equals(Gzip, StringComparison.OrdinalIgnoreCase);
        if (encoding.Length > 0 && !gzip && !encoding.Equals("identity", StringComparison.OrdinalIgnoreCase))
            return (null, MessageRejection.Malformed(HeaderNames.ContentEncoding, $"'{encoding}' is not accepted; send gzip or no encoding"));
        // Compressed, a body within the limit is smaller still: the same cap bounds what is buffered before inflating.
        var raw = await ReadRawAsync(request, limit, cancellationToken);
        if (raw is null) return (null, MessageRejection.TooLarge((int)Math.Min(request.ContentLength ?? limit + 1L, int.MaxValue), limit));
        return gzip ? Inflate(raw, limit) : (raw, null);
    }

    private static (byte[]? Body, MessageRejection? Refusal) Inflate(byte[] compressed, int limit)
    {
        var inflated = new byte[limit + 1];
        var length = 0;
        try
        {
            using var gzip = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
            int read;
            while (length < inflated.Length && (read = gzip.Read(inflated, length, inflated.Length - length)) > 0) length += read;
        }
        catch (InvalidDataException)
        {
            return (null, MessageRejection.Malformed(HeaderNames.ContentEncoding, "says gzip, but the body is not valid gzip data"));
        }
        if (length > limit)
        {
            return (null, new MessageRejection(RejectionReason.TooLarge,
                [new FieldError("$", $"inflates to more than {limit} bytes (gzip of {compressed.Length} bytes); the limit is {limit} bytes inflated")]));
        }
        return (inflated.AsSpan(0, length).ToArray(), null);
    }

    private static async Task<byte[]?> ReadRawAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit) return null;
        var reader = request.BodyReader;
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            if (buffer.Length > limit)
            {
                reader.AdvanceTo(buffer.Start, buffer.End);
                return null;
            }
            if (result.IsCompleted)
            {
                var bytes = buffer.ToArray();
                reader.AdvanceTo(buffer.End);
                return bytes;
            }
            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }
}
