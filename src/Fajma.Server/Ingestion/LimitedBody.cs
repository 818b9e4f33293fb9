using System.Buffers;

namespace Fajma.Server.Ingestion;

/// <summary>Reads a request body up to a limit, refusing larger ones without buffering them.</summary>
internal static class LimitedBody
{
    /// <summary>The body, or null if it is larger than <paramref name="limit"/> bytes (the caller answers 413).</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
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
