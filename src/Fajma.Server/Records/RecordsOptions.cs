using Microsoft.Extensions.Options;

namespace Fajma.Server.Records;

/// <summary>
/// Configuration section <c>Records</c>: the legal hold on a patient's record and the retention sweep. See docs/gdpr.md for
/// why each default is what it is.
/// </summary>
public sealed class RecordsOptions
{
    public const string Section = "Records";

    /// <summary>Years a medical record is kept after the last care (France: 20, CSP art. R.1112-7). 0: no legal period.</summary>
    public int RetentionYears { get; set; } = 20;

    /// <summary>A record never used for care (no reading, no call) may be erased inside the legal period.</summary>
    public bool EraseIfNeverUsedForCare { get; set; } = true;

    /// <summary>How often the retention sweep runs.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Readings older than this are purged; zero keeps them (they are the medical record: the legal period governs).</summary>
    public TimeSpan Observations { get; set; } = TimeSpan.Zero;

    /// <summary>Refused device messages older than this are purged (operational data, not the record).</summary>
    public TimeSpan DeadLetters { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Consultation chat older than this is purged; zero keeps it (what was said in a visit is part of the record).</summary>
    public TimeSpan ChatMessages { get; set; } = TimeSpan.Zero;

    /// <summary>Checked at start-up: a wrong setting stops the server rather than purging the wrong rows.</summary>
    public sealed class Validation : IValidateOptions<RecordsOptions>
    {
        public ValidateOptionsResult Validate(string? name, RecordsOptions options)
        {
            ArgumentNullException.ThrowIfNull(options);
            var errors = new List<string>();
            if (options.RetentionYears is < 0 or > 100) errors.Add($"{Section}:RetentionYears must be from 0 to 100 (got {options.RetentionYears})");
            // A PeriodicTimer's period is at most about 49.7 days.
            if (options.SweepInterval < TimeSpan.FromSeconds(1) || options.SweepInterval > TimeSpan.FromDays(49))
                errors.Add($"{Section}:SweepInterval must be from 1 second to 49 days");
            foreach (var (field, value) in new[] { (nameof(Observations), options.Observations), (nameof(DeadLetters), options.DeadLetters), (nameof(ChatMessages), options.ChatMessages) })
                if (value < TimeSpan.Zero) errors.Add($"{Section}:{field} must be zero (keep) or positive");
            // Purging the record's readings or chat before the legal period would break the hold it keeps.
            var hold = TimeSpan.FromDays(365.25 * options.RetentionYears);
            if (options.Observations > TimeSpan.Zero && options.Observations < hold)
                errors.Add($"{Section}:Observations ({options.Observations.TotalDays:0} days) is shorter than the legal period ({options.RetentionYears} years)");
            if (options.ChatMessages > TimeSpan.Zero && options.ChatMessages < hold)
                errors.Add($"{Section}:ChatMessages ({options.ChatMessages.TotalDays:0} days) is shorter than the legal period ({options.RetentionYears} years)");
            return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
        }
    }
}
