using Fajma.Server.Storage;

namespace Fajma.Server.Devices.Control;

/// <summary>A stored command and its device's patient, as read; <see cref="ToDto"/> spells it the contract's way.</summary>
public sealed record CommandRow(DeviceCommand Command, int? PatientId)
{
    public DeviceCommandDto ToDto() => new(Command.CorrelationId, Command.DeviceId, PatientId, DeviceCommandNames.ActionOf(Command.Command),
        new DeviceCommandParameters(Command.IntervalMs, Command.Sensor, Command.Reference), DeviceCommandNames.StatusText(Command.Status),
        Command.Detail, Command.CreatedAt, Command.UpdatedAt, Command.ExpiresAt, Command.RequestedBy);
}
