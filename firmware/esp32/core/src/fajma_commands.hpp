// Commands from fajma/devices/{id}/commands and the device's answer on …/commands/ack (the shared command contract):
// {"command", "correlation_id", "expires_at", "consultation_id", "params"} → {"correlation_id", "status": "ok"|"error", "detail"}.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

namespace fajma {

enum class CommandKind { ActivateMonitoring, DeactivateMonitoring, SetSamplingRate, RequestSensorData, Reboot, Calibrate };

struct Command {
    CommandKind kind = CommandKind::RequestSensorData;
    std::string name;
    std::string correlationId;
    std::int64_t expiresAtMs = -1;      // -1: no expiry given
    std::int64_t consultationId = -1;   // -1: null
    std::int64_t intervalMs = -1;       // set_sampling_rate
    double rateFactor = 0;              // the old set_sampling_rate_low (0.5) / _normal (1); 0 when interval_ms is given
    std::string sensor;                 // calibrate: heart_rate | spo2 | temperature
    bool hasReference = false;
    double reference = 0;
};

struct CommandParse {
    bool ok = false;
    Command command;         // correlationId is set whenever it could be read, so even a refusal is answered
    std::string error;
};

constexpr std::int64_t kMinIntervalMs = 100;
constexpr std::int64_t kMaxIntervalMs = 3600000;

// Never throws, whatever the bytes (fuzzed): a parse result or a named refusal.
CommandParse parseCommand(const char* data, std::size_t size);
bool isGuid(const std::string& text);
std::string commandAck(const std::string& correlationId, bool ok, const std::string& detail);

}  // namespace fajma
