using System.Reflection;

namespace Fajma.Server.Platform;

/// <summary>
/// True while the build generates the OpenAPI document (the SDK's GetDocument tool builds the host):
/// then no broker, writer or other background service may start or bind a port.
/// </summary>
public static class BuildTimeDocument
{
    public static bool IsGenerating { get; } = Assembly.GetEntryAssembly()?.GetName().Name == "GetDocument.Insider";
}
