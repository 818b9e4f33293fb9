using System.Globalization;
using MQTTnet.Diagnostics.Logger;

namespace Fajma.Server.Ingestion.Mqtt;

/// <summary>
/// MQTTnet's own log, into the broker's (<see cref="MqttIngestion"/>): why the broker closed a device's connection — an exception
/// while processing its packet, a keep-alive that expired — is otherwise invisible. One level down from MQTTnet's,
/// since it logs a dropped socket as a warning and an error from a handler as an error.
/// </summary>
internal sealed class MqttNetLogBridge(ILogger logger) : IMqttNetLogger
{
    public bool IsEnabled => logger.IsEnabled(LogLevel.Debug);

    public void Publish(MqttNetLogLevel level, string source, string message, object[] parameters, Exception exception)
    {
        var ours = level switch
        {
            MqttNetLogLevel.Error => LogLevel.Warning,
            MqttNetLogLevel.Warning => LogLevel.Debug,
            _ => LogLevel.Trace,
        };
        if (!logger.IsEnabled(ours)) return;
        var text = parameters is { Length: > 0 } ? string.Format(CultureInfo.InvariantCulture, message, parameters) : message;
        logger.Log(ours, exception, "MQTTnet {Source}: {Message}", source, text);
    }
}
