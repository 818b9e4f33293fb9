namespace Fajma.Core.Messages;

/// <summary>
/// A field's name as an error gives it (<c>payload.measurements[2].value.systolic</c>), put together only when there is an
/// error: every reading's fields are checked one by one, and naming each of them up front was a third of the strings a
/// standard message cost (docs/performance.md, issue 15, fourteenth session).
/// </summary>
/// <param name="Parent">The name as far as it is known: a whole path, or an array's (<c>payload.measurements</c>).</param>
/// <param name="Index">The item of that array, or -1.</param>
/// <param name="Member">What follows the item (<c>.value.systolic</c>), or empty.</param>
internal readonly record struct FieldPath(string Parent, int Index = -1, string Member = "")
{
    public static implicit operator FieldPath(string path) => new(path);

    /// <summary>A member of this field: <c>.type</c> of <c>payload.measurements[2]</c>.</summary>
    public FieldPath Then(string member) => this with { Member = Member + member };

    public override string ToString() => Index < 0
        ? Parent + Member
        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Parent}[{Index}]{Member}");
}
