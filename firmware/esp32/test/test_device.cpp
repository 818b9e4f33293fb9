#include <gtest/gtest.h>

#include <algorithm>
#include <deque>

#include "fajma_device.hpp"
#include "fajma_json.hpp"

using namespace fajma;

namespace {

struct FakeClock : Clock {
    std::int64_t uptime = 0;
    std::int64_t epoch0 = 1767225600000;  // 2026-01-01
    bool valid = true;
    std::int64_t uptimeMs() override { return uptime; }
    std::int64_t epochMs() override { return epoch0 + uptime; }
    bool wallClockValid() override { return valid; }
};

struct FakeRandom : Random {
    std::uint8_t next = 0;
    void fill(std::uint8_t* out, std::size_t n) override { for (std::size_t i = 0; i < n; ++i) out[i] = next++; }
    double unit() override { return 0.5; }
};

struct FakeSensors : Sensors {
    double heartRate = 72;
    Reading measure() override { Reading r; r.heartRate = heartRate; r.spo2 = 97; r.temperature = 36.8; r.quality = 95; return r; }
};

struct Published { std::string topic, payload; int qos; std::uint64_t tag; bool acked = false; };

struct FakeTransport : Transport {
    bool up = false;
    bool reachable = true;
    int attempts = 0;
    std::vector<Published> sent;
    bool connected() override { return up; }
    bool connect() override { ++attempts; up = reachable; return up; }
    bool publish(const std::string& topic, const std::string& payload, int qos, std::uint64_t tag) override {
        if (!up) return false;
        sent.push_back({topic, payload, qos, tag, false});
        return true;
    }
};

struct FakeBackup : BackupTransport {
    std::vector<std::string> posted;
    BackupResult answer = BackupResult::Stored;
    std::int64_t retryAfter = -1;  // the Retry-After of an Unavailable answer, in ms
    int calls = 0;
    BackupResult send(const std::string&, const std::string& payload) override {
        ++calls;
        if (answer == BackupResult::Stored) posted.push_back(payload);
        return answer;
    }
    std::int64_t retryAfterMs() const override { return retryAfter; }
};

struct FakePlatform : Platform { int reboots = 0; void reboot() override { ++reboots; } };

const char* kId = "6f1c2a8e-0b7d-4c39-9d2e-5a4b3c2d1e0f";

struct Rig {
    FakeClock clock;
    FakeRandom random;
    FakeSensors sensors;
    MemorySlotStore flash{50};
    Outbox outbox{flash};
    FakeTransport mqtt;
    FakeBackup https;
    FakePlatform platform;
    Device device;
    bool autoAck = false;
    explicit Rig(std::int64_t interval = 1000)
        : device(DeviceConfig{Identity{"ESP32-A", "", Bytes{9, 9}}, interval, 4, false, RetryPolicy{}, CriticalHeartRateLimits{}}, clock, random,
                 sensors, outbox, mqtt, platform, &https) {
        device.begin();
    }
    void run(std::int64_t ms, std::int64_t step = 100) {
        for (std::int64_t t = 0; t < ms; t += step) {
            bool before = mqtt.up;
            device.loop();
            if (!before && mqtt.up) device.onConnected();
            if (autoAck) for (auto& p : mqtt.sent) if (!p.acked) { p.acked = true; device.onAcknowledged(p.tag, true); }
            clock.uptime += step;
        }
    }
    void ackAll() {
        for (auto& p : mqtt.sent) device.onAcknowledged(p.tag, true);
        mqtt.sent.clear();
    }
    std::vector<Published> readings() const {
        std::vector<Published> out;
        for (const auto& p : mqtt.sent) if (p.topic == "fajma/sensors/ESP32-A") out.push_back(p);
        return out;
    }
    Json lastAck() const {
        for (auto it = mqtt.sent.rbegin(); it != mqtt.sent.rend(); ++it)
            if (it->topic == "fajma/devices/ESP32-A/commands/ack") return parseJson(it->payload).value;
        return Json();
    }
    void command(const std::string& text) { device.onCommand(text.data(), text.size()); }
};

std::string command(const std::string& name, const std::string& params = "null", std::int64_t expires = 9999999999999) {
    return "{\"command\":\"" + name + "\",\"correlation_id\":\"" + kId + "\",\"expires_at\":" + std::to_string(expires) + ",\"params\":" + params + "}";
}

}  // namespace

TEST(Device, ReadingsAreSignedStandardMessagesOnQos1AndLeaveTheOutboxOnlyWhenAcknowledged) {
    Rig rig;
    rig.run(3000);
    auto readings = rig.readings();
    ASSERT_EQ(readings.size(), 3u);
    EXPECT_EQ(readings[0].qos, 1);
    auto message = parseJson(readings[0].payload);
    ASSERT_TRUE(message.ok);
    EXPECT_EQ(message.value.find("signature")->asString(), signMessage(Bytes{9, 9}, canonical(message.value, "signature")));
    EXPECT_EQ(rig.outbox.size(), 3u);
    rig.ackAll();
    EXPECT_EQ(rig.outbox.size(), 0u);
    EXPECT_EQ(rig.device.stats().acknowledged, 3u);
}

TEST(Device, DuringAnOutageReadingsWaitInTheOutboxAndAreResentAfterReconnection) {
    Rig rig;
    rig.run(1000);
    rig.ackAll();
    rig.mqtt.up = false;
    rig.mqtt.reachable = false;
    rig.device.onDisconnected();
    rig.run(5000);
    EXPECT_EQ(rig.outbox.size(), 5u);
    rig.mqtt.reachable = true;
    rig.autoAck = true;
    rig.run(40000);  // the backoff's next attempt comes within 30 s
    EXPECT_EQ(rig.device.stats().readings, rig.device.stats().acknowledged);
    EXPECT_EQ(rig.outbox.size(), 0u);
}

TEST(Device, ConnectionAttemptsBackOffByTheSeedsPolicyThenTheBackupTakesOver) {
    Rig rig;
    rig.mqtt.reachable = false;
    rig.run(2000, 10);
    EXPECT_EQ(rig.mqtt.attempts, 2);  // at 0 and after 1 s
    rig.run(6000, 10);
    EXPECT_EQ(rig.mqtt.attempts, 4);  // + 2 s, + 4 s
    EXPECT_TRUE(rig.https.posted.empty());
    rig.run(9000, 10);  // + 8 s: the 3 retries are spent
    EXPECT_FALSE(rig.https.posted.empty());
    EXPECT_EQ(rig.device.stats().viaBackup, rig.https.posted.size());
}

TEST(Device, AReadingTurnedAwayByABusyServerWaitsAsLongAsItAskedWhileAnAlertGoesAtOnce) {
    Rig rig;
    rig.run(1000);  // connected, one reading out
    auto first = rig.readings();
    ASSERT_EQ(first.size(), 1u);
    rig.device.onRetryLater(first[0].tag, 5000);  // PUBACK 0x97 "quota exceeded", retry-after: 5 s
    rig.mqtt.sent.clear();
    rig.sensors.heartRate = 185;
    rig.run(5400);  // 5 s and a tenth more (the jitter, up to a fifth: unit() is 0.5 here)
    EXPECT_TRUE(rig.readings().empty());
    EXPECT_TRUE(rig.device.heldBack());
    bool alerted = false;
    for (const auto& p : rig.mqtt.sent) alerted = alerted || p.topic == "fajma/sensors/ESP32-A/alerts";
    EXPECT_TRUE(alerted);  // a busy server never turns an alert away: it does not wait
    rig.run(200);
    ASSERT_FALSE(rig.readings().empty());
    EXPECT_EQ(rig.readings()[0].tag, first[0].tag);  // the reading turned away goes first, then those made meanwhile
    EXPECT_FALSE(rig.device.heldBack());
}

TEST(Device, ABusyServerThatSaysNothingOfWhenIsTriedAgainAfterTheRetryPolicysFirstDelay) {
    Rig rig;
    rig.run(1000);
    auto first = rig.readings();
    ASSERT_EQ(first.size(), 1u);
    rig.device.onRetryLater(first[0].tag);
    rig.mqtt.sent.clear();
    rig.run(900);
    EXPECT_TRUE(rig.readings().empty());
    rig.run(200);
    ASSERT_FALSE(rig.readings().empty());
    EXPECT_EQ(rig.readings()[0].tag, first[0].tag);
}

TEST(Device, AnUnavailableBackupIsTriedAgainAfterTheWaitItAskedForNotAtEveryTurnOfTheLoop) {
    Rig rig;
    rig.mqtt.reachable = false;
    rig.https.answer = BackupResult::Unavailable;
    rig.https.retryAfter = 10000;  // 503 with Retry-After: 10
    rig.run(16000, 10);  // the MQTT retries are spent at 15 s: the backup is tried
    EXPECT_EQ(rig.https.calls, 1);
    rig.run(9000, 10);  // 10 s and a tenth more: not before 26 s
    EXPECT_EQ(rig.https.calls, 1);
    rig.https.answer = BackupResult::Stored;
    rig.run(2000, 10);
    EXPECT_GE(rig.https.calls, 2);
    EXPECT_FALSE(rig.https.posted.empty());
}

TEST(Device, ACriticalHeartRateGoesOutOnceAsAQos2AlertBeforeTheVitals) {
    Rig rig;
    rig.sensors.heartRate = 185;
    rig.mqtt.reachable = false;
    rig.run(5000);
    rig.mqtt.reachable = true;
    rig.run(30000);
    std::vector<Published> alerts;
    for (const auto& p : rig.mqtt.sent) if (p.topic == "fajma/sensors/ESP32-A/alerts") alerts.push_back(p);
    ASSERT_EQ(alerts.size(), 1u);
    EXPECT_EQ(alerts[0].qos, 2);
    auto alert = parseJson(alerts[0].payload).value;
    EXPECT_EQ(alert.find("header")->find("message_type")->asString(), "CRITICAL_ALERT");
    EXPECT_EQ(alert.find("payload")->find("alert_type")->asString(), "TACHYCARDIA");
    std::size_t firstOutboxMessage = 0;
    while (rig.mqtt.sent[firstOutboxMessage].tag == 0) ++firstOutboxMessage;  // the status on connecting
    EXPECT_EQ(rig.mqtt.sent[firstOutboxMessage].topic, "fajma/sensors/ESP32-A/alerts");
}

TEST(Device, SetSamplingRateReallyChangesTheIntervalAndIsAnsweredOk) {
    Rig rig(1000);
    rig.run(100);
    rig.ackAll();
    rig.command(command("set_sampling_rate", "{\"interval_ms\":250}"));
    auto ack = rig.lastAck();
    EXPECT_EQ(ack.find("status")->asString(), "ok");
    EXPECT_EQ(ack.find("correlation_id")->asString(), kId);
    rig.mqtt.sent.clear();
    rig.autoAck = true;
    rig.run(2000, 50);
    EXPECT_EQ(rig.readings().size(), 7u);  // at +250, +500 … +1750 ms; at the old rate there would have been 2
    EXPECT_EQ(rig.device.intervalMs(), 250);
    rig.command(command("set_sampling_rate_low"));
    EXPECT_EQ(rig.device.intervalMs(), 2000);
}

TEST(Device, ReadNowStopStartCalibrateAndRebootAreCarriedOut) {
    Rig rig(60000);
    rig.run(100);
    rig.ackAll();
    rig.command(command("request_sensor_data"));
    EXPECT_EQ(rig.lastAck().find("status")->asString(), "ok");
    rig.run(100);
    EXPECT_EQ(rig.readings().size(), 1u);

    rig.command(command("calibrate", "{\"sensor\":\"temperature\",\"reference\":37.3}"));
    EXPECT_NEAR(rig.device.offset("temperature"), 0.5, 1e-9);
    rig.command(command("deactivate_monitoring"));
    EXPECT_FALSE(rig.device.monitoring());
    rig.command(command("activate_monitoring"));
    EXPECT_TRUE(rig.device.monitoring());
    rig.mqtt.sent.clear();
    rig.run(100);
    auto reading = parseJson(rig.readings().at(0).payload).value;
    EXPECT_DOUBLE_EQ(reading.find("payload")->find("measurements")->items()[2].find("value")->asNumber(), 37.3);

    rig.command(command("reboot"));
    EXPECT_EQ(rig.lastAck().find("status")->asString(), "ok");
    EXPECT_EQ(rig.platform.reboots, 0);  // the answer leaves first
    rig.run(1200);
    EXPECT_EQ(rig.platform.reboots, 1);
}

TEST(Device, AnExpiredOrUnknownCommandIsAnsweredWithAnError) {
    Rig rig;
    rig.run(100);
    rig.command(command("request_sensor_data", "null", 1000));
    EXPECT_EQ(rig.lastAck().find("status")->asString(), "error");
    rig.command(command("warp_speed"));
    EXPECT_EQ(rig.lastAck().find("detail")->asString(), "unknown command 'warp_speed'");
}

TEST(Device, NothingIsMeasuredBeforeTheWallClockIsSet) {
    Rig rig;
    rig.clock.valid = false;
    rig.run(3000);
    EXPECT_EQ(rig.device.stats().readings, 0u);
}

TEST(Device, AfterARebootANewDeviceOverTheSameFlashSendsWhatWasQueuedBeforeNewReadings) {
    MemorySlotStore flash(50);
    std::vector<std::string> queued;
    {
        Rig before;
        before.mqtt.reachable = false;
        before.run(3000);
        ASSERT_EQ(before.outbox.size(), 3u);
        for (auto seq : before.outbox.pending()) {
            OutboxMessage m;
            before.outbox.get(seq, m);
            queued.push_back(m.payload);
        }
        flash = before.flash;  // the flash is all that survives the reboot
    }
    FakeClock clock;
    FakeRandom random;
    FakeSensors sensors;
    Outbox outbox(flash);
    FakeTransport mqtt;
    FakePlatform platform;
    Device device(DeviceConfig{Identity{"ESP32-A", "", Bytes{9, 9}}, 1000, 8, false, RetryPolicy{}, CriticalHeartRateLimits{}}, clock, random,
                  sensors, outbox, mqtt, platform);
    device.begin();
    device.loop();
    device.onConnected();
    device.loop();
    std::vector<std::string> sent;
    for (const auto& p : mqtt.sent) if (p.tag != 0) sent.push_back(p.payload);
    ASSERT_GE(sent.size(), 4u);
    EXPECT_EQ(std::vector<std::string>(sent.begin(), sent.begin() + 3), queued);  // in order, before the new reading
}

TEST(Device, TheSeedsFlatMessageCanBeChosenAndIsSignedToo) {
    FakeClock clock;
    FakeRandom random;
    FakeSensors sensors;
    MemorySlotStore flash(4);
    Outbox outbox(flash);
    FakeTransport mqtt;
    FakePlatform platform;
    Device device(DeviceConfig{Identity{"ESP32-A", "", Bytes{1}}, 1000, 8, true, RetryPolicy{}, CriticalHeartRateLimits{}}, clock, random,
                  sensors, outbox, mqtt, platform);
    device.begin();
    device.loop();
    OutboxMessage m;
    ASSERT_TRUE(outbox.get(outbox.pending().front(), m));
    auto flat = parseJson(m.payload).value;
    EXPECT_EQ(flat.find("device_id")->asString(), "ESP32-A");
    EXPECT_EQ(flat.find("timestamp")->asNumber(), static_cast<double>(clock.epochMs()));
    EXPECT_EQ(flat.find("signature")->asString(), signMessage(Bytes{1}, canonical(flat, "signature")));
}

TEST(Device, OnConnectingItPublishesItsStatusOnQos0AndAnswersNothingForAnUnreadableCommand) {
    Rig rig;
    rig.run(100);
    auto status = std::find_if(rig.mqtt.sent.begin(), rig.mqtt.sent.end(), [](const Published& p) { return p.topic == "fajma/sensors/ESP32-A/status"; });
    ASSERT_NE(status, rig.mqtt.sent.end());
    EXPECT_EQ(status->qos, 0);
    EXPECT_EQ(parseJson(status->payload).value.find("header")->find("message_type")->asString(), "DEVICE_STATUS");
    auto before = rig.mqtt.sent.size();
    rig.command("{\"command\":\"reboot\"}");
    EXPECT_EQ(rig.mqtt.sent.size(), before);  // no correlation id: nothing to answer to
    EXPECT_EQ(rig.platform.reboots, 0);
}
