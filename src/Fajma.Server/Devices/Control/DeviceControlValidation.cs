using System.Globalization;

namespace Fajma.Server.Devices.Control;

/// <summary>
/// The route group's check of control and calibration requests, before any handler runs: every problem named by its field,
/// nothing stored or sent when one is found.
/// </summary>
public sealed class DeviceControlValidation : IEndpointFilter
{
    public const string IdempotencyHeader = "Idempotency-Key";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var errors = new Dictionary<string, string[]>();
        foreach (var argument in context.Arguments)
        {
            if (argument is ControlRequest control) Check(control, errors);
            if (argument is CalibrateRequest calibrate) Check(calibrate, errors);
        }
        if (context.HttpContext.Request.Headers[IdempotencyHeader] is { Count: > 0 } key
            && (key.Count > 1 || key[0] is not { Length: > 0 and <= DeviceCommandNames.MaxIdempotencyKeyLength }))
            errors[IdempotencyHeader] = [$"must be one value of 1 to {DeviceCommandNames.MaxIdempotencyKeyLength} characters"];
        return errors.Count > 0 ? TypedResults.ValidationProblem(errors) : await next(context);
    }

    public static void Check(ControlRequest request, Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(errors);
        if (request.Action is null || !DeviceCommandNames.ControlActions.Contains(request.Action))
            errors["action"] = [$"must be one of {string.Join(", ", DeviceCommandNames.ControlActions)}"];
        var setsRate = request.Action == DeviceCommandNames.SetSamplingRate;
        if (request.SamplingIntervalMs is { } interval && (interval < DeviceCommandNames.MinIntervalMs || interval > DeviceCommandNames.MaxIntervalMs))
            errors["samplingIntervalMs"] = [$"must be between {DeviceCommandNames.MinIntervalMs} and {DeviceCommandNames.MaxIntervalMs} ms"];
        if (request.RateMultiplier is { } multiplier && !DeviceCommandNames.RateMultipliers.Contains(multiplier))
            errors["rateMultiplier"] = ["must be 0.5, 1 or 2"];
        if (setsRate && (request.SamplingIntervalMs is null) == (request.RateMultiplier is null))
            errors["samplingIntervalMs"] = ["set_sampling_rate takes either samplingIntervalMs or rateMultiplier, not both"];
        if (!setsRate && request.Action is not null && (request.SamplingIntervalMs is not null || request.RateMultiplier is not null))
            errors[request.SamplingIntervalMs is not null ? "samplingIntervalMs" : "rateMultiplier"] = ["only set_sampling_rate takes a rate"];
        CheckTtl(request.TtlSeconds, errors);
    }

    public static void Check(CalibrateRequest request, Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(errors);
        if (request.Sensor is null || !DeviceCommandNames.Sensors.Contains(request.Sensor))
            errors["sensor"] = [$"must be one of {string.Join(", ", DeviceCommandNames.Sensors)}"];
        if (request.Reference is { } reference && !double.IsFinite(reference)) errors["reference"] = ["must be a finite number"];
        CheckTtl(request.TtlSeconds, errors);
    }

    private static void CheckTtl(int? ttl, Dictionary<string, string[]> errors)
    {
        if (ttl is { } seconds && (seconds < DeviceCommandNames.MinTtlSeconds || seconds > DeviceCommandNames.MaxTtlSeconds))
            errors["ttlSeconds"] = [string.Create(CultureInfo.InvariantCulture, $"must be between {DeviceCommandNames.MinTtlSeconds} and {DeviceCommandNames.MaxTtlSeconds} seconds")];
    }
}
