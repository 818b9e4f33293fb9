using Fajma.Server.Live;
using Fajma.Server.Observations.Commit;
using Fajma.Server.Observations.Intake;
using Fajma.Server.Observations.Reads;
using Fajma.Server.Platform;

namespace Fajma.Server.Observations;

/// <summary>The observation's room: intake (alerts, seal), the group commit, the live streams and the history reads.</summary>
public static class ObservationsExtensions
{
    /// <summary>Register before the transports that feed it (Ingestion): hosts stop in reverse, so the writer outlives their drain.</summary>
    public static IHostApplicationBuilder AddObservations(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<WriterStatistics>();
        builder.Services.AddSingleton<GroupCommitWriter>();
        builder.Services.AddSingleton<StoredMessageKeys>();
        if (!BuildTimeDocument.IsGenerating) builder.Services.AddHostedService(sp => sp.GetRequiredService<GroupCommitWriter>());
        builder.Services.AddSingleton<ReadingNovelty>();
        builder.Services.AddSingleton<DeviceClocks>();
        builder.Services.AddSingleton<ObservationIntake>();
        builder.Services.AddSingleton<LiveChannel>(ObservationChannels.Observation);
        builder.Services.AddSingleton<LiveChannel>(ObservationChannels.DeviceStatus);
        return builder;
    }

    public static IEndpointRouteBuilder MapObservations(this IEndpointRouteBuilder app) => app.MapObservationEndpoints();
}
