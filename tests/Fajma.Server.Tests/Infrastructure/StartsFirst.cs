using Xunit.Abstractions;

[assembly: TestCollectionOrderer("Fajma.Server.Tests.Infrastructure.StartsFirstOrderer", "Fajma.Server.Tests")]

namespace Fajma.Server.Tests.Infrastructure;

/// <summary>
/// Marks a test class that runs for minutes (fault runs, clusters). xUnit runs two classes at a time; started last, the
/// longest one ran alone at the end and set the suite's wall time. Started first, the short classes fill the other slot.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class StartsFirstAttribute : Attribute;

/// <summary>Classes marked <see cref="StartsFirstAttribute"/> first; the others after them, in xUnit's own order.</summary>
public sealed class StartsFirstOrderer : ITestCollectionOrderer
{
    private const string PerClassPrefix = "Test collection for ";

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderBy(c => StartsFirst(c) ? 0 : 1).ThenBy(c => c.UniqueID); // OrderBy is stable; UniqueID is xUnit's default

    private static bool StartsFirst(ITestCollection collection) =>
        collection.DisplayName.StartsWith(PerClassPrefix, StringComparison.Ordinal)
        && typeof(StartsFirstOrderer).Assembly.GetType(collection.DisplayName[PerClassPrefix.Length..]) is { } type
        && type.IsDefined(typeof(StartsFirstAttribute), inherit: false);
}
