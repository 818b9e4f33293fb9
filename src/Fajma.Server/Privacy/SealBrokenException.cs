namespace Fajma.Server.Privacy;

/// <summary>A stored value failed AES-GCM authentication: it was altered, moved, or its key is wrong. Never answered with data.</summary>
public sealed class SealBrokenException(string what, Exception inner) : Exception($"{what} failed its integrity check (AES-GCM authentication)", inner)
{
    public string What { get; } = what;
}
