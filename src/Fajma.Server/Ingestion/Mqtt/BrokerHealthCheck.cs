using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Fajma.Server.Ingestion.Mqtt;

/// <summary>Part of <c>/health/ready</c>: a node whose MQTT intake is down must not be sent traffic, though it still answers.</summary>
internal sealed class BrokerHealthCheck(IBrokerIntake intake, IOptions<MqttOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(!options.Value.Enabled ? HealthCheckResult.Healthy("MQTT intake is turned off")
            : intake.IsReady ? HealthCheckResult.Healthy(options.Value.Broker.ToString())
            : HealthCheckResult.Unhealthy($"{options.Value.Broker} broker not reachable or not subscribed"));
}
