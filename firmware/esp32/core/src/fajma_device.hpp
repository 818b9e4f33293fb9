// The device's behaviour, the same on the ESP32 (fajma_monitor.ino) and on Linux (host/fajma_host_device.cpp):
// sample on schedule, detect a critical heart rate, queue signed messages in the outbox, send them over MQTT (the
// primary: persistent connection for commands, QoS per class, last will) with the seed's backoff between connection
// attempts, over HTTPS (the backup) once those retries are spent, and answer commands. Everything it touches is injected.
#pragma once
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>

#include "fajma_alert.hpp"
#include "fajma_commands.hpp"
#include "fajma_messages.hpp"
#include "fajma_outbox.hpp"
#include "fajma_retry.hpp"

namespace fajma {

struct Clock {
    virtual ~Clock() = default;
    virtual std::int64_t uptimeMs() = 0;     // monotonic (millis())
    virtual std::int64_t epochMs() = 0;      // wall clock (SNTP)
    virtual bool wallClockValid() = 0;       // false until SNTP answered: the server refuses stale times
};

struct Random {
    virtual ~Random() = default;
    virtual void fill(std::uint8_t* out, std::size_t n) = 0;  // esp_random() / std::random_device
    virtual double unit() = 0;                                // [0, 1), the backoff's jitter
};

struct Sensors {
    virtual ~Sensors() = default;
    virtual Reading measure() = 0;  // absent values: the sensor had none (no finger, no probe)
    virtual DeviceStatus status() { return {}; }
};

struct Transport {
    virtual ~Transport() = default;
    virtual bool connected() = 0;
    virtual bool connect() = 0;  // one attempt; the device spaces them by its retry policy
    // Queues a publish; the adapter later calls Device::onAcknowledged(tag, …) when the broker acknowledged it (QoS ≥ 1).
    virtual bool publish(const std::string& topic, const std::string& payload, int qos, std::uint64_t tag) = 0;
};

enum class BackupResult { Stored, Refused, Unavailable };

struct BackupTransport {
    virtual ~BackupTransport() = default;
    // Stored: 2xx (stored or a duplicate); Refused: the server will never take it (4xx other than 408/429); else Unavailable.
    virtual BackupResult send(const std::string& topic, const std::string& payload) = 0;
    // How long the last Unavailable answer asked the device to wait (a 503's or 429's Retry-After), in ms; -1: it said nothing.
    virtual std::int64_t retryAfterMs() const { return -1; }
};

struct Platform {
    virtual ~Platform() = default;
    virtual void reboot() = 0;
    virtual void log(const std::string&) {}
};

struct DeviceConfig {
    Identity identity;
    std::int64_t intervalMs = 5000;
    std::size_t maxInFlight = 8;
    bool flatMessages = false;  // the seed 002 sketch's flat JSON instead of the standard message
    RetryPolicy retry;
    CriticalHeartRateLimits limits;
};

struct DeviceStats {
    std::uint64_t readings = 0;   // vitals messages queued
    std::uint64_t alerts = 0;     // CRITICAL_ALERT messages queued
    std::uint64_t acknowledged = 0;
    std::uint64_t refused = 0;    // acknowledged with a refusal (permanent): dropped
    std::uint64_t viaBackup = 0;
    std::uint64_t commands = 0;
    std::uint64_t connectAttempts = 0;
    std::string lastCommand;     // "<name> ok: <detail>" / "<name> error: <detail>", for logs and the host device's stats
};

class Device {
public:
    Device(DeviceConfig config, Clock& clock, Random& random, Sensors& sensors, Outbox& outbox, Transport& transport,
           Platform& platform, BackupTransport* backup = nullptr);

    void begin();
    void loop();
    void onConnected();
    void onDisconnected();
    void onAcknowledged(std::uint64_t tag, bool stored);
    // The server is busy (MQTT 5 PUBACK 0x97 or 0x89): the message stays queued, and readings wait as long as the server
    // asked (its retry-after, in ms; -1: it said nothing, then the retry policy's first delay) before they go again.
    void onRetryLater(std::uint64_t tag, std::int64_t retryAfterMs = -1);
    void setMonitoring(bool on) { monitoring_ = on; }
    void onCommand(const char* payload, std::size_t size);
    void measureNow();

    const DeviceStats& stats() const { return stats_; }
    std::int64_t intervalMs() const { return interval_; }
    bool monitoring() const { return monitoring_; }
    std::size_t inFlight() const { return inFlight_.size(); }
    int failedAttempts() const { return failed_; }
    bool heldBack() const { return clock_.uptimeMs() < holdUntil_; }  // told to wait by a busy server
    double offset(const std::string& sensor) const;

    std::string topic(const char* suffix = "") const;  // fajma/sensors/{id}[/suffix]
    std::string commandsTopic() const { return "fajma/devices/" + config_.identity.deviceId + "/commands"; }
    std::string ackTopic() const { return commandsTopic() + "/ack"; }
    static constexpr const char* kOfflineWill = "{\"status\":\"offline\"}";

private:
    DeviceConfig config_;
    Clock& clock_;
    Random& random_;
    Sensors& sensors_;
    Outbox& outbox_;
    Transport& transport_;
    Platform& platform_;
    BackupTransport* backup_;
    CriticalHeartRateDetector detector_;
    DeviceStats stats_;
    std::set<std::uint64_t> inFlight_;
    std::int64_t interval_;
    std::int64_t nextSampleAt_ = 0;
    std::int64_t nextConnectAt_ = 0;
    std::int64_t holdUntil_ = 0;  // readings wait until then: the server said it was busy
    std::int64_t rebootAt_ = -1;
    int failed_ = 0;
    bool attempted_ = false;
    bool monitoring_ = true;
    Reading lastRaw_;
    double offsetHeartRate_ = 0, offsetSpo2_ = 0, offsetTemperature_ = 0;
    std::int64_t lastCalibrationMs_ = -1;

    std::string newMessageId();
    void sample();
    void flush();
    void flushBackup();
    void holdBack(std::int64_t retryAfterMs);
    void publishStatus();
    void answer(const std::string& name, const std::string& correlationId, bool ok, const std::string& detail);
};

}  // namespace fajma
