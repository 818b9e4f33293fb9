using System.Text.Json;
using System.Text.Json.Serialization;
using Fajma.Server.Devices;
using Fajma.Server.Ingestion;
using Fajma.Server.Monitoring;
using Fajma.Server.Observations;
using Fajma.Server.Platform;

namespace Fajma.Server;

/// <summary>
/// Source-generated JSON for every response and hub event: no reflection when serializing the live feed. It names every
/// feature's wire types, so it sits with the composition root; features serialize their own messages with their own context.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(HealthAnswer))]
[JsonSerializable(typeof(Records.ErasureRequestDto))]
[JsonSerializable(typeof(List<Records.ErasureRequestDto>))]
[JsonSerializable(typeof(Records.ErasureRequestBody))]
[JsonSerializable(typeof(Records.ErasureDecisionBody))]
[JsonSerializable(typeof(ObservationDto))]
[JsonSerializable(typeof(DeviceStatusDto))]
[JsonSerializable(typeof(ObservationPage))]
[JsonSerializable(typeof(PatientDto[]))]
[JsonSerializable(typeof(DeviceDto[]))]
[JsonSerializable(typeof(DeviceBundleDto))]
[JsonSerializable(typeof(Devices.Control.DeviceCommandDto))]
[JsonSerializable(typeof(Devices.Control.DeviceCommandDto[]))]
[JsonSerializable(typeof(IngestReceipt))]
[JsonSerializable(typeof(MobileBatchReceipt))]
[JsonSerializable(typeof(ServerClock))]
[JsonSerializable(typeof(List<Consultations.ConsultationDto>))]
[JsonSerializable(typeof(Consultations.ConsultationSnapshot))]
[JsonSerializable(typeof(List<Consultations.ChatMessageDto>))]
[JsonSerializable(typeof(Consultations.ConsultationTimelineDto))]
[JsonSerializable(typeof(Consultations.IceServersDto))]
[JsonSerializable(typeof(Consultations.GuestInviteDto))]
[JsonSerializable(typeof(Followers.FollowerInviteDto))]
[JsonSerializable(typeof(List<Followers.FollowerDto>))]
[JsonSerializable(typeof(Followers.FollowerDto))]
[JsonSerializable(typeof(List<Followers.FollowedPatientDto>))]
[JsonSerializable(typeof(List<Followers.FollowerAlertDto>))]
[JsonSerializable(typeof(Followers.FollowerAlertSettingsDto))]
[JsonSerializable(typeof(List<ObservationDto>))]
[JsonSerializable(typeof(List<Monitoring.AlertThresholdDto>))]
[JsonSerializable(typeof(Consultations.StateChangedEvent))]
[JsonSerializable(typeof(Consultations.InviteEvent))]
[JsonSerializable(typeof(Consultations.RecordingConsentEvent))]
[JsonSerializable(typeof(Consultations.IotSyncCompleteEvent))]
[JsonSerializable(typeof(Consultations.ChatReadEvent))]
[JsonSerializable(typeof(Consultations.SignalEvent))]
[JsonSerializable(typeof(Consultations.ParticipantsChangedEvent))]
[JsonSerializable(typeof(Alerts.AlertDto))]
[JsonSerializable(typeof(Alerts.AlertChange))]
[JsonSerializable(typeof(Alerts.WatchState))]
[JsonSerializable(typeof(Devices.DeviceCommandAck))]
[JsonSerializable(typeof(Guid))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(List<Alerts.AlertDto>))]
[JsonSerializable(typeof(Alerts.AlertContent))]
[JsonSerializable(typeof(Alerts.News2Dto))]
[JsonSerializable(typeof(Alerts.Nudges.NudgeDto))]
[JsonSerializable(typeof(List<Alerts.Nudges.NudgeDto>))]
[JsonSerializable(typeof(Alerts.News2Inputs))]
[JsonSerializable(typeof(List<Alerts.AlertPreferenceDto>))]
public sealed partial class ServerJsonContext : JsonSerializerContext;
