namespace Fajma.Core.OnCall;

/// <summary>Who is on call at an instant (null before the rota starts or when it has no one) and who takes over after them.</summary>
public sealed record OnCallAnswer(OnCallSpan? Now, OnCallSpan? Next);
