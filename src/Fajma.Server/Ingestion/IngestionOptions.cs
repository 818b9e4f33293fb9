using Microsoft.Extensions.Options;

namespace Fajma.Server.Ingestion;

/// <summary>
/// Configuration section <c>Ingestion</c>: how far a device's clock may be from the server's, how much refused input is
/// recorded one by one, and how many readings the node takes at once before it asks devices to come back later.
/// </summary>
public sealed class IngestionOptions
{
    public const string Section = "Ingestion";

    /// <summary>A measured time further in the future than this is refused: a device clock that is wrong, or a forged message.</summary>
    public TimeSpan MaxClockAhead { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Older messages are refused. Long enough for a device to forward what it buffered while offline.</summary>
    public TimeSpan MaxMessageAge { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Refusals recorded one by one (dead letter and audit row) per sender per <see cref="RefusalWindow"/>; the rest are counted.</summary>
    public int RefusalsRecordedPerSender { get; set; } = 20;

    /// <summary>Refusals recorded one by one per <see cref="RefusalWindow"/> from all senders together.</summary>
    public int RefusalsRecordedPerWindow { get; set; } = 200;

    public TimeSpan RefusalWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Live vital signs in flight (taken, not yet committed) beyond which one more is turned away with "busy, retry after"
    /// (<see cref="IngestionAdmission"/>); status reports give way at three quarters of it, history at half, critical
    /// alerts never. About two of the writer's largest commits: more would only add latency and memory, not throughput.
    /// </summary>
    public int MaxInFlight { get; set; } = 4096;

    /// <summary>What a device turned away is told to wait before it sends again (HTTP Retry-After, MQTT 5 user property retry-after).</summary>
    public TimeSpan BusyRetryAfter { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Checked at start-up: a limit of zero would turn every device away.</summary>
    public sealed class Validation : IValidateOptions<IngestionOptions>
    {
        public ValidateOptionsResult Validate(string? name, IngestionOptions options)
        {
            ArgumentNullException.ThrowIfNull(options);
            var errors = new List<string>();
            if (options.MaxInFlight < 1) errors.Add($"{Section}:MaxInFlight must be at least 1 (got {options.MaxInFlight})");
            if (options.BusyRetryAfter < TimeSpan.FromSeconds(1) || options.BusyRetryAfter > TimeSpan.FromMinutes(10))
                errors.Add($"{Section}:BusyRetryAfter must be from 1 second to 10 minutes (Retry-After counts whole seconds; got {options.BusyRetryAfter})");
            return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
        }
    }
}
