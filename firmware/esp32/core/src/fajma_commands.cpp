#include "fajma_commands.hpp"

#include <cmath>

#include "fajma_json.hpp"

namespace fajma {

namespace {

bool wholeNumber(const Json* v, std::int64_t& out) {
    if (!v || v->kind() != Json::Kind::Number) return false;
    double d = v->asNumber();
    if (d != std::floor(d) || std::fabs(d) > 9007199254740991.0) return false;
    out = static_cast<std::int64_t>(d);
    return true;
}

}  // namespace

bool isGuid(const std::string& t) {
    if (t.size() != 36) return false;
    for (std::size_t i = 0; i < t.size(); ++i) {
        char c = t[i];
        if (i == 8 || i == 13 || i == 18 || i == 23) { if (c != '-') return false; continue; }
        bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
        if (!hex) return false;
    }
    return true;
}

CommandParse parseCommand(const char* data, std::size_t size) {
    CommandParse result;
    if (size > 4096) { result.error = "command larger than 4096 bytes"; return result; }
    auto parsed = parseJson(data, size, 8);
    if (!parsed.ok) { result.error = "not JSON: " + parsed.error; return result; }
    const Json& root = parsed.value;
    if (root.kind() != Json::Kind::Object) { result.error = "a command must be a JSON object"; return result; }
    Command& c = result.command;
    const Json* correlation = root.find("correlation_id");
    if (correlation && correlation->kind() == Json::Kind::String && isGuid(correlation->asString())) c.correlationId = correlation->asString();
    else { result.error = "correlation_id must be a GUID"; return result; }

    const Json* name = root.find("command");
    if (!name || name->kind() != Json::Kind::String) { result.error = "command must be a string"; return result; }
    c.name = name->asString();
    const Json* expires = root.find("expires_at");
    if (expires && !expires->isNull() && !wholeNumber(expires, c.expiresAtMs)) { result.error = "expires_at must be unix milliseconds"; return result; }
    const Json* consultation = root.find("consultation_id");
    if (consultation && !consultation->isNull() && !wholeNumber(consultation, c.consultationId)) { result.error = "consultation_id must be a whole number or null"; return result; }
    const Json* params = root.find("params");
    if (params && !params->isNull() && params->kind() != Json::Kind::Object) { result.error = "params must be an object"; return result; }
    auto param = [&](const char* key) { return params && !params->isNull() ? params->find(key) : nullptr; };

    if (c.name == "activate_monitoring") c.kind = CommandKind::ActivateMonitoring;
    else if (c.name == "deactivate_monitoring") c.kind = CommandKind::DeactivateMonitoring;
    else if (c.name == "request_sensor_data") c.kind = CommandKind::RequestSensorData;
    else if (c.name == "reboot") c.kind = CommandKind::Reboot;
    else if (c.name == "set_sampling_rate_low" || c.name == "set_sampling_rate_normal") {
        c.kind = CommandKind::SetSamplingRate;
        c.rateFactor = c.name == "set_sampling_rate_low" ? 0.5 : 1.0;
    } else if (c.name == "set_sampling_rate") {
        c.kind = CommandKind::SetSamplingRate;
        if (!wholeNumber(param("interval_ms"), c.intervalMs) || c.intervalMs < kMinIntervalMs || c.intervalMs > kMaxIntervalMs) {
            result.error = "params.interval_ms must be a whole number from 100 to 3600000";
            return result;
        }
    } else if (c.name == "calibrate") {
        c.kind = CommandKind::Calibrate;
        const Json* sensor = param("sensor");
        if (!sensor || sensor->kind() != Json::Kind::String ||
            (sensor->asString() != "heart_rate" && sensor->asString() != "spo2" && sensor->asString() != "temperature")) {
            result.error = "params.sensor must be heart_rate, spo2 or temperature";
            return result;
        }
        c.sensor = sensor->asString();
        const Json* reference = param("reference");
        if (reference && !reference->isNull()) {
            if (reference->kind() != Json::Kind::Number) { result.error = "params.reference must be a number or null"; return result; }
            c.hasReference = true;
            c.reference = reference->asNumber();
        }
    } else {
        std::string shown;  // echo printable ASCII only: the detail goes back on the wire and into the audit
        for (char ch : c.name.substr(0, 64)) shown += (ch >= 0x20 && ch < 0x7F) ? ch : '?';
        result.error = "unknown command '" + shown + "'";
        return result;
    }
    result.ok = true;
    return result;
}

std::string commandAck(const std::string& correlationId, bool ok, const std::string& detail) {
    Json ack = Json::object();
    ack.set("correlation_id", Json::string(correlationId));
    ack.set("status", Json::string(ok ? "ok" : "error"));
    ack.set("detail", detail.empty() ? Json::null() : Json::string(detail));
    return serialize(ack);
}

}  // namespace fajma
