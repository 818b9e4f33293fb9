#include "fajma_messages.hpp"

#include <cstdio>

namespace fajma {

namespace {

void sign(const Identity& id, Built& built) {
    built.signedBytes = canonical(built.message, "signature");
    if (id.secret.empty()) {
        built.text = serialize(built.message);
        return;
    }
    built.signature = signMessage(id.secret, built.signedBytes);
    built.message.set("signature", Json::string(built.signature));
    built.text = serialize(built.message);
}

Json header(const Identity& id, const std::string& messageId, std::int64_t timestampMs, const char* type, const std::string& checksum) {
    Json h = Json::object();
    h.set("message_id", Json::string(messageId));
    h.set("timestamp", Json::string(isoTime(timestampMs)));
    h.set("device_id", Json::string(id.deviceId));
    if (!id.patientId.empty()) h.set("patient_id", Json::string(id.patientId));
    h.set("message_type", Json::string(type));
    h.set("protocol_version", Json::string("1.0"));
    h.set("checksum", Json::string(checksum));
    return h;
}

void measurement(Json& list, const char* type, const Optional& value, const char* unit, int quality) {
    if (!value.has) return;
    Json m = Json::object();
    m.set("type", Json::string(type));
    m.set("value", Json::number(value.value));
    m.set("unit", Json::string(unit));
    if (quality >= 0) m.set("quality", Json::number(quality));
    list.push(std::move(m));
}

}  // namespace

Built buildStandard(const Identity& id, const std::string& messageId, std::int64_t timestampMs, const Reading& reading,
                    const DeviceStatus* status) {
    Json payload = Json::object();
    Json& list = payload.set("measurements", Json::array());
    measurement(list, "heart_rate", reading.heartRate, "bpm", reading.quality);
    measurement(list, "spo2", reading.spo2, "%", reading.quality);
    measurement(list, "temperature", reading.temperature, "\xC2\xB0" "C", -1);
    if (status) {
        Json s = Json::object();
        if (status->batteryLevel >= 0) s.set("battery_level", Json::number(status->batteryLevel));
        if (status->signalStrength <= 0) s.set("signal_strength", Json::number(status->signalStrength));
        if (status->lastCalibrationMs >= 0) s.set("last_calibration", Json::string(isoTime(status->lastCalibrationMs)));
        payload.set("device_status", std::move(s));
    }
    Built built;
    built.checksum = checksumOf(canonical(payload));
    // `list` may have moved when device_status was added: look it up again.
    const char* type = payload.find("measurements")->items().empty() ? "DEVICE_STATUS" : "VITAL_SIGNS";
    built.message = Json::object();
    built.message.set("header", header(id, messageId, timestampMs, type, built.checksum));
    built.message.set("payload", std::move(payload));
    sign(id, built);
    return built;
}

Built buildFlat(const Identity& id, std::int64_t timestamp, const Reading& reading) {
    Built built;
    built.message = Json::object();
    built.message.set("device_id", Json::string(id.deviceId));
    built.message.set("timestamp", Json::number(static_cast<double>(timestamp)));
    if (reading.heartRate.has) built.message.set("heart_rate", Json::number(reading.heartRate.value));
    if (reading.spo2.has) built.message.set("spo2", Json::number(reading.spo2.value));
    if (reading.temperature.has) built.message.set("temperature", Json::number(reading.temperature.value));
    sign(id, built);
    return built;
}

Built buildCriticalAlert(const Identity& id, const std::string& messageId, std::int64_t timestampMs, const AlertPayload& alert) {
    Json payload = Json::object();
    payload.set("alert_type", Json::string(alert.alertType));
    payload.set("severity", Json::string(alert.severity));
    if (!alert.description.empty()) payload.set("description", Json::string(alert.description));
    Json values = Json::object();
    for (const auto& m : alert.measurements) values.set(m.first, Json::number(m.second));
    payload.set("measurements", std::move(values));
    if (!alert.recommendedAction.empty()) payload.set("recommended_action", Json::string(alert.recommendedAction));
    payload.set("auto_emergency_call", Json::boolean(alert.autoEmergencyCall));
    Built built;
    built.checksum = checksumOf(canonical(payload));
    built.message = Json::object();
    built.message.set("header", header(id, messageId, timestampMs, "CRITICAL_ALERT", built.checksum));
    built.message.set("payload", std::move(payload));
    sign(id, built);
    return built;
}

std::string isoTime(std::int64_t epochMs) {
    std::int64_t ms = ((epochMs % 1000) + 1000) % 1000;
    std::int64_t seconds = (epochMs - ms) / 1000;
    std::int64_t days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400;
    std::int64_t secondOfDay = seconds - days * 86400;
    // Howard Hinnant's civil_from_days: no gmtime, so the same on the ESP32 and the host.
    std::int64_t z = days + 719468;
    std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    auto doe = static_cast<unsigned>(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    unsigned d = doy - (153 * mp + 2) / 5 + 1;
    unsigned m = mp < 10 ? mp + 3 : mp - 9;
    if (m <= 2) ++y;
    char buf[48];
    std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02lld:%02lld:%02lld", static_cast<long long>(y), m, d,
                  static_cast<long long>(secondOfDay / 3600), static_cast<long long>(secondOfDay / 60 % 60), static_cast<long long>(secondOfDay % 60));
    std::string out(buf);
    if (ms) {
        std::snprintf(buf, sizeof buf, ".%03lld", static_cast<long long>(ms));
        std::string fraction(buf);
        while (fraction.back() == '0') fraction.pop_back();
        out += fraction;
    }
    return out + "+00:00";
}

std::string uuidV4(const std::uint8_t random[16]) {
    std::uint8_t b[16];
    for (int i = 0; i < 16; ++i) b[i] = random[i];
    b[6] = static_cast<std::uint8_t>((b[6] & 0x0F) | 0x40);
    b[8] = static_cast<std::uint8_t>((b[8] & 0x3F) | 0x80);
    char buf[37];
    std::snprintf(buf, sizeof buf, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1], b[2], b[3], b[4], b[5],
                  b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
    return buf;
}

namespace {
bool validId(const std::string& id, std::size_t max) {
    if (id.empty() || id.size() > max) return false;
    for (char c : id) {
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == ':' || c == '-';
        if (!ok) return false;
    }
    return true;
}
}  // namespace

bool isValidMessageId(const std::string& id) { return validId(id, 128); }
bool isValidDeviceId(const std::string& id) { return validId(id, 64); }

}  // namespace fajma
