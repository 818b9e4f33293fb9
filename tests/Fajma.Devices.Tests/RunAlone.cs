namespace Fajma.Devices.Tests;

/// <summary>Tests whose subject is timing (a keep-alive, a ping's answer) run alone, after the rest of the assembly.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunAlone
{
    public const string Name = "run alone";
}
