using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Fajma.Server.Storage;

/// <summary>Stores a <see cref="DateTimeOffset"/> as Unix milliseconds (UTC); order and comparisons are kept.</summary>
public sealed class UnixMillisecondsConverter() : ValueConverter<DateTimeOffset, long>(
    v => v.ToUnixTimeMilliseconds(),
    v => DateTimeOffset.FromUnixTimeMilliseconds(v));
