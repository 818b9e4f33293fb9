using System.Text.Json;
using Fajma.Core.Messages;
using Fajma.Server.Devices;
using Fajma.Server.Devices.Control;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Fajma.Server.Ingestion;

/// <summary>
/// <c>POST /api/v1/iot/sensors/{id}/commands/{correlationId}/ack</c>: authenticated exactly as the device's data posts — its
/// signature with its own secret, and, when it presents a client certificate, that certificate must be its own.
/// </summary>
public static class CommandAckEndpoint
{
    private const int MaxBytes = 4096;
    private static readonly byte[] s_noSecret = new byte[32];

    public static async Task<Results<NoContent, ProblemHttpResult>> PostCommandAck(string id, Guid correlationId, HttpRequest request,
        DeviceDirectory devices, DeviceCertificateCheck certificates, DeviceCommandLifecycle commands, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.HttpContext.Connection.ClientCertificate is { } certificate
            && (await certificates.IdentifyAsync(certificate, cancellationToken))?.Id != id)
            return Refused(StatusCodes.Status401Unauthorized, "client certificate", $"is not the current certificate of device '{id}'");
        var (body, unread) = await LimitedBody.ReadAsync(request, MaxBytes, cancellationToken);
        if (body is null) return RejectionResults.ToProblem(unread!);
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return Refused(StatusCodes.Status400BadRequest, "$", "must be a JSON object");
        }
        using (json)
        {
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object || InteroperableJson.FindProblem(root) is not null)
                return Refused(StatusCodes.Status400BadRequest, "$", "must be a JSON object of correlation_id, status, detail and signature");
            var signature = root.TryGetProperty(MessageSignature.Member, out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
            // An unknown device and a wrong signature get the same answer, after the same work.
            var device = await devices.FindAsync(id, cancellationToken);
            if (!MessageSignature.Verify(device?.Secret ?? s_noSecret, MessageSignature.SignedBytes(root), signature) || device?.Secret is null)
                return Refused(StatusCodes.Status401Unauthorized, MessageSignature.Member, "is required and must match the answer and the device's secret");
            if (!root.TryGetProperty("correlation_id", out var c) || c.ValueKind != JsonValueKind.String || !c.TryGetGuid(out var named) || named != correlationId)
                return Refused(StatusCodes.Status400BadRequest, "correlation_id", "must be the command's id, as in the route");
            var status = root.TryGetProperty("status", out var st) && st.ValueKind == JsonValueKind.String ? st.GetString() : null;
            if (status is not ("ok" or "error")) return Refused(StatusCodes.Status400BadRequest, "status", "must be ok or error");
            var detail = root.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
            await commands.RecordAsync(new DeviceCommandAck(id, correlationId, status == "ok" ? DeviceCommandAckKind.Succeeded : DeviceCommandAckKind.Failed, detail),
                cancellationToken);
            return TypedResults.NoContent();
        }
    }

    private static ProblemHttpResult Refused(int status, string field, string message) =>
        TypedResults.Problem(title: "Answer refused", detail: $"{field} {message}", statusCode: status,
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [message] } });
}
