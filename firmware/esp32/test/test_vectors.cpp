// The shared vectors (tests/vectors/device-messages.json), generated from the server's C# rules: the core must build
// byte-identical signed bytes, checksums and signatures from the same inputs.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "fajma_device.hpp"
#include "fajma_json.hpp"
#include "fajma_messages.hpp"

using namespace fajma;

namespace {

const Json& vectors() {
    static Json root = [] {
        std::ifstream file(FAJMA_VECTORS, std::ios::binary);
        std::stringstream text;
        text << file.rdbuf();
        auto parsed = parseJson(text.str(), 32);
        if (!parsed.ok) throw std::runtime_error("cannot read " FAJMA_VECTORS ": " + parsed.error);
        return parsed.value;
    }();
    return root;
}

Bytes secret() {
    Bytes out;
    base64UrlDecode(vectors().find("secret")->asString(), out);
    return out;
}

std::string text(const Json& v, const char* name) {
    const Json* x = v.find(name);
    return x && x->kind() == Json::Kind::String ? x->asString() : "";
}

Optional optional(const Json& v, const char* name) {
    const Json* x = v.find(name);
    return x && x->kind() == Json::Kind::Number ? Optional(x->asNumber()) : Optional();
}

std::int64_t whole(const Json& v, const char* name) { return static_cast<std::int64_t>(v.find(name)->asNumber()); }

void expectSame(const Json& vector, const Built& built) {
    EXPECT_EQ(built.signedBytes, text(vector, "signed_bytes"));
    EXPECT_EQ(built.signature, text(vector, "signature"));
    if (!text(vector, "checksum").empty()) {
        EXPECT_EQ(built.checksum, text(vector, "checksum"));
    }
    auto server = parseJson(text(vector, "message"));
    ASSERT_TRUE(server.ok);
    EXPECT_EQ(canonical(built.message), canonical(server.value));
}

}  // namespace

TEST(SharedVectors, NumbersAreCanonicalizedAsTheServerDoes) {
    const auto& numbers = vectors().find("numbers")->items();
    ASSERT_GE(numbers.size(), 20u);
    for (const auto& n : numbers) {
        auto parsed = parseJson(text(n, "json"));
        ASSERT_TRUE(parsed.ok) << text(n, "json");
        EXPECT_EQ(formatNumber(parsed.value.asNumber()), text(n, "canonical")) << text(n, "json");
    }
}

TEST(SharedVectors, DocumentsAreCanonicalizedAsTheServerDoes) {
    for (const auto& d : vectors().find("documents")->items()) {
        auto parsed = parseJson(text(d, "json"));
        ASSERT_TRUE(parsed.ok) << text(d, "json");
        EXPECT_EQ(canonical(parsed.value), text(d, "canonical"));
        if (!text(d, "canonical_without_signature").empty()) {
            EXPECT_EQ(canonical(parsed.value, "signature"), text(d, "canonical_without_signature"));
        }
    }
}

TEST(SharedVectors, StandardMessagesAreSignedAsTheServerChecks) {
    const auto& list = vectors().find("standard")->items();
    ASSERT_EQ(list.size(), 4u);
    for (const auto& v : list) {
        SCOPED_TRACE(text(v, "message_id"));
        Identity id{text(v, "device_id"), text(v, "patient_id"), secret()};
        Reading r;
        r.heartRate = optional(v, "heart_rate");
        r.spo2 = optional(v, "spo2");
        r.temperature = optional(v, "temperature");
        auto quality = optional(v, "quality");
        r.quality = quality.has ? static_cast<int>(quality.value) : -1;
        DeviceStatus status;
        const Json* s = v.find("status");
        bool hasStatus = s && s->kind() == Json::Kind::Object;
        if (hasStatus) {
            status.batteryLevel = static_cast<int>(whole(*s, "battery_level"));
            status.signalStrength = static_cast<int>(whole(*s, "signal_strength"));
            status.lastCalibrationMs = whole(*s, "last_calibration_ms");
        }
        expectSame(v, buildStandard(id, text(v, "message_id"), whole(v, "timestamp_ms"), r, hasStatus ? &status : nullptr));
    }
}

TEST(SharedVectors, FlatMessagesAreSignedAsTheServerChecks) {
    const auto& list = vectors().find("flat")->items();
    ASSERT_EQ(list.size(), 3u);
    for (const auto& v : list) {
        Reading r;
        r.heartRate = optional(v, "heart_rate");
        r.spo2 = optional(v, "spo2");
        r.temperature = optional(v, "temperature");
        expectSame(v, buildFlat(Identity{text(v, "device_id"), "", secret()}, whole(v, "timestamp"), r));
    }
}

TEST(SharedVectors, CriticalAlertsAreSignedAsTheServerChecks) {
    const auto& list = vectors().find("alerts")->items();
    ASSERT_EQ(list.size(), 2u);
    for (const auto& v : list) {
        AlertPayload a;
        a.alertType = text(v, "alert_type");
        a.severity = text(v, "severity");
        a.description = text(v, "description");
        for (const auto& m : v.find("measurements")->items()) a.measurements.emplace_back(m.items()[0].asString(), m.items()[1].asNumber());
        a.recommendedAction = text(v, "recommended_action");
        a.autoEmergencyCall = v.find("auto_emergency_call")->asBool();
        expectSame(v, buildCriticalAlert(Identity{text(v, "device_id"), "", secret()}, text(v, "message_id"), whole(v, "timestamp_ms"), a));
    }
}

TEST(SharedVectors, TheLastWillIsWhatTheServerTakesForOffline) {
    EXPECT_EQ(std::string(fajma::Device::kOfflineWill), text(vectors(), "last_will"));
}

TEST(SharedVectors, MessageAndDeviceIdsAreJudgedAsTheServerJudgesThem) {
    for (const auto& v : vectors().find("message_ids")->items()) EXPECT_EQ(isValidMessageId(text(v, "id")), v.find("valid")->asBool()) << text(v, "id");
    for (const auto& v : vectors().find("device_ids")->items()) EXPECT_EQ(isValidDeviceId(text(v, "id")), v.find("valid")->asBool()) << text(v, "id");
}
