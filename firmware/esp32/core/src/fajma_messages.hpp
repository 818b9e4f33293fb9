// The messages a device sends, built the way the server reads them (src/Fajma.Core/Wire/StandardMessageBuilder.cs):
// the standard VITAL_SIGNS / DEVICE_STATUS message and CRITICAL_ALERT (seed 000 §2.2A) and the seed 002 flat message,
// each signed over its RFC 8785 bytes without the signature; the standard ones carry the payload's checksum.
#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "fajma_crypto.hpp"
#include "fajma_json.hpp"

namespace fajma {

struct Optional {
    bool has = false;
    double value = 0;
    Optional() = default;
    Optional(double v) : has(true), value(v) {}  // NOLINT: reads like std::optional
};

struct Reading {
    Optional heartRate;    // bpm
    Optional spo2;         // %
    Optional temperature;  // °C
    int quality = -1;      // 0–100, the PPG's signal quality; -1 when unknown
};

struct DeviceStatus {
    int batteryLevel = -1;            // 0–100, -1 unknown
    int signalStrength = 1;           // dBm (-150–0), 1 unknown
    std::int64_t lastCalibrationMs = -1;  // epoch ms, -1 never
};

struct Identity {
    std::string deviceId;
    std::string patientId;  // empty: not claimed (the server knows the device's patient)
    Bytes secret;           // empty: unsigned
};

struct AlertPayload {
    std::string alertType;  // CARDIAC_ARRHYTHMIA, BRADYCARDIA, TACHYCARDIA…
    std::string severity;   // LOW | MEDIUM | HIGH | CRITICAL
    std::string description;
    std::vector<std::pair<std::string, double>> measurements;  // heart_rate, confidence (0–1)…
    std::string recommendedAction;
    bool autoEmergencyCall = false;
};

struct Built {
    Json message;
    std::string text;         // what goes on the wire
    std::string signedBytes;  // canonical JSON without the signature
    std::string checksum;     // standard messages only
    std::string signature;    // empty when unsigned
};

Built buildStandard(const Identity& id, const std::string& messageId, std::int64_t timestampMs, const Reading& reading,
                    const DeviceStatus* status = nullptr);
Built buildFlat(const Identity& id, std::int64_t timestamp, const Reading& reading);
Built buildCriticalAlert(const Identity& id, const std::string& messageId, std::int64_t timestampMs, const AlertPayload& payload);

// ISO 8601 as .NET writes a UTC DateTimeOffset: 2026-12-02T11:38:08.12+00:00 (fraction without trailing zeros).
std::string isoTime(std::int64_t epochMs);

// A random (version 4) UUID from 16 bytes of the device's random source, lowercase like .NET's Guid.ToString().
std::string uuidV4(const std::uint8_t random[16]);

// The server's rule (src/Fajma.Core/Messages/MessageIdentifier.cs): 1–128 letters, digits or . _ : -
bool isValidMessageId(const std::string& id);
// src/Fajma.Core/Messages/DeviceIdentifier.cs: 1–64 of the same
bool isValidDeviceId(const std::string& id);

}  // namespace fajma
