using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Fajma.Server.Storage;

/// <summary>
/// Maps a property as a sealed identity column: the entity holds the plain value, the store only <c>v1:…</c>. A sealed
/// column can be read, written and projected, but not compared, sorted or searched in SQL (each seal is random):
/// equality goes through a blind index (<see cref="User.EmailIndex"/>), sorting and searching happen after reading.
/// </summary>
internal static class SealedIdentity
{
    /// <summary>Marks the property for the start-up pass that seals values written before sealing existed.</summary>
    public const string Annotation = "Fajma:SealedIdentity";

    /// <summary>A text column (required or not: EF hands converters no nulls).</summary>
    public static PropertyBuilder IsSealedIdentity(this PropertyBuilder property, IdentityKeyring? keys)
    {
        var column = Column(property.Metadata);
        property.HasConversion(new ValueConverter<string, string>(v => Keys(keys).Seal(column, v), v => Keys(keys).Open(column, v)))
            .HasAnnotation(Annotation, true);
        property.Metadata.SetMaxLength(null); // a seal is longer than what it holds
        return property;
    }

    public static PropertyBuilder<DateOnly> IsSealedIdentity(this PropertyBuilder<DateOnly> property, IdentityKeyring? keys)
    {
        var column = Column(property.Metadata);
        return property.HasConversion(new ValueConverter<DateOnly, string>(v => Keys(keys).SealDate(column, v), v => Keys(keys).OpenDate(column, v)))
            .HasAnnotation(Annotation, true);
    }

    public static bool IsSealedIdentity(this IReadOnlyProperty property) => property.FindAnnotation(Annotation)?.Value is true;

    // The associated data: table and property, fixed here rather than the column name a later convention sets.
    private static string Column(IMutableProperty property) => $"{property.DeclaringType.ClrType.Name}.{property.Name}";

    private static IdentityKeyring Keys(IdentityKeyring? keys) => keys ?? throw new InvalidOperationException(
        "identity columns are sealed: this context was built without the master key (UseIdentitySeal)");
}
