#include "fajma_device.hpp"

#include <cstdio>

namespace fajma {

Device::Device(DeviceConfig config, Clock& clock, Random& random, Sensors& sensors, Outbox& outbox, Transport& transport,
               Platform& platform, BackupTransport* backup)
    : config_(std::move(config)), clock_(clock), random_(random), sensors_(sensors), outbox_(outbox), transport_(transport),
      platform_(platform), backup_(backup), detector_(config_.limits), interval_(config_.intervalMs) {}

std::string Device::topic(const char* suffix) const {
    std::string t = "fajma/sensors/" + config_.identity.deviceId;
    if (*suffix) { t += '/'; t += suffix; }
    return t;
}

void Device::begin() {
    outbox_.open();
    nextSampleAt_ = clock_.uptimeMs();
}

std::string Device::newMessageId() {
    std::uint8_t bytes[16];
    random_.fill(bytes, sizeof bytes);
    return uuidV4(bytes);
}

double Device::offset(const std::string& sensor) const {
    return sensor == "heart_rate" ? offsetHeartRate_ : sensor == "spo2" ? offsetSpo2_ : offsetTemperature_;
}

void Device::loop() {
    std::int64_t now = clock_.uptimeMs();
    if (rebootAt_ >= 0 && now >= rebootAt_) { rebootAt_ = -1; platform_.reboot(); return; }
    if (!transport_.connected() && now >= nextConnectAt_) {
        if (attempted_) ++failed_;  // the previous attempt did not end connected
        attempted_ = true;
        ++stats_.connectAttempts;
        if (!transport_.connect() || !transport_.connected())
            nextConnectAt_ = now + config_.retry.delayMs(failed_ + 1, random_.unit());
    }
    if (monitoring_ && clock_.wallClockValid() && now >= nextSampleAt_) {
        sample();
        nextSampleAt_ = now - nextSampleAt_ > interval_ ? now + interval_ : nextSampleAt_ + interval_;
    }
    if (transport_.connected()) flush();
    else if (backup_ && config_.retry.exhausted(failed_)) flushBackup();
}

void Device::onConnected() {
    failed_ = 0;
    attempted_ = false;
    publishStatus();
}

void Device::onDisconnected() {
    inFlight_.clear();  // unacknowledged: sent again after the reconnection (the server drops a repeated message id)
    attempted_ = false;
    nextConnectAt_ = clock_.uptimeMs() + config_.retry.delayMs(1, random_.unit());
}

void Device::onAcknowledged(std::uint64_t tag, bool stored) {
    if (tag == 0 || !inFlight_.erase(tag)) return;  // command answers and status are not in the outbox
    outbox_.remove(tag);
    if (stored) ++stats_.acknowledged;
    else ++stats_.refused;
}

void Device::onRetryLater(std::uint64_t tag, std::int64_t retryAfterMs) {
    inFlight_.erase(tag);
    holdBack(retryAfterMs);
}

void Device::holdBack(std::int64_t retryAfterMs) {
    // As long as asked, and up to a fifth more: a ward of devices told the same thing must not come back in step.
    std::int64_t wait = retryAfterMs < 0 ? config_.retry.delayMs(1, random_.unit())
                                         : retryAfterMs + static_cast<std::int64_t>(static_cast<double>(retryAfterMs) * 0.2 * random_.unit());
    std::int64_t until = clock_.uptimeMs() + wait;
    if (until > holdUntil_) holdUntil_ = until;
}

void Device::measureNow() { if (clock_.wallClockValid()) sample(); }

void Device::sample() {
    Reading raw = sensors_.measure();
    lastRaw_ = raw;
    Reading r = raw;
    if (r.heartRate.has) r.heartRate.value += offsetHeartRate_;
    if (r.spo2.has) r.spo2.value = r.spo2.value + offsetSpo2_ > 100 ? 100 : r.spo2.value + offsetSpo2_;
    if (r.temperature.has) r.temperature.value += offsetTemperature_;
    std::int64_t now = clock_.epochMs();
    AlertPayload alert;
    if (r.heartRate.has && detector_.update(r.heartRate.value, r.quality, alert)) {
        auto built = buildCriticalAlert(config_.identity, newMessageId(), now, alert);
        if (outbox_.push(2, topic("alerts"), built.text)) ++stats_.alerts;
    }
    if (!r.heartRate.has && !r.spo2.has && !r.temperature.has) return;
    auto built = config_.flatMessages ? buildFlat(config_.identity, now, r) : buildStandard(config_.identity, newMessageId(), now, r);
    if (outbox_.push(1, topic(), built.text)) ++stats_.readings;
}

void Device::flush() {
    // Alerts (QoS 2) jump the queue: they are the reason the device exists. A busy server never turns an alert away, so
    // only readings wait when it says it is busy.
    auto pending = outbox_.pending();
    for (int pass = 0; pass < 2; ++pass) {
        if (pass == 1 && heldBack()) return;
        for (auto seq : pending) {
            if (inFlight_.size() >= config_.maxInFlight) return;
            if (inFlight_.count(seq)) continue;
            OutboxMessage m;
            if (!outbox_.get(seq, m)) continue;
            if ((pass == 0) != (m.qos == 2)) continue;
            if (!transport_.publish(m.topic, m.payload, m.qos, seq)) return;
            inFlight_.insert(seq);
        }
    }
}

void Device::flushBackup() {
    if (heldBack()) return;
    for (int i = 0; i < 4; ++i) {
        auto pending = outbox_.pending();
        if (pending.empty()) return;
        OutboxMessage m;
        if (!outbox_.get(pending.front(), m)) return;
        auto result = backup_->send(m.topic, m.payload);
        if (result == BackupResult::Unavailable) { holdBack(backup_->retryAfterMs()); return; }  // not again at the next loop
        outbox_.remove(pending.front());
        if (result == BackupResult::Refused) { ++stats_.refused; continue; }
        ++stats_.acknowledged;
        ++stats_.viaBackup;
    }
}

void Device::publishStatus() {
    if (!clock_.wallClockValid()) return;
    DeviceStatus status = sensors_.status();
    status.lastCalibrationMs = lastCalibrationMs_;
    auto built = buildStandard(config_.identity, newMessageId(), clock_.epochMs(), Reading{}, &status);
    transport_.publish(topic("status"), built.text, 0, 0);
}

void Device::answer(const std::string& name, const std::string& correlationId, bool ok, const std::string& detail) {
    stats_.lastCommand = name + (ok ? " ok: " : " error: ") + detail;
    transport_.publish(ackTopic(), commandAck(correlationId, ok, detail), 1, 0);
}

void Device::onCommand(const char* payload, std::size_t size) {
    ++stats_.commands;
    auto parsed = parseCommand(payload, size);
    if (!parsed.ok) {
        platform_.log("command refused: " + parsed.error);
        if (!parsed.command.correlationId.empty()) answer(parsed.command.name, parsed.command.correlationId, false, parsed.error);
        return;
    }
    const Command& c = parsed.command;
    if (c.expiresAtMs >= 0 && clock_.wallClockValid() && clock_.epochMs() > c.expiresAtMs) {
        answer(c.name, c.correlationId, false, "expired before it reached the device");
        return;
    }
    char detail[96];
    switch (c.kind) {
        case CommandKind::ActivateMonitoring:
            monitoring_ = true;
            nextSampleAt_ = clock_.uptimeMs();
            answer(c.name, c.correlationId, true, "monitoring");
            return;
        case CommandKind::DeactivateMonitoring:
            monitoring_ = false;
            answer(c.name, c.correlationId, true, "stopped");
            return;
        case CommandKind::SetSamplingRate:
            interval_ = c.intervalMs > 0 ? c.intervalMs : static_cast<std::int64_t>(static_cast<double>(config_.intervalMs) / c.rateFactor);
            nextSampleAt_ = clock_.uptimeMs() + interval_;
            std::snprintf(detail, sizeof detail, "interval_ms=%lld", static_cast<long long>(interval_));
            answer(c.name, c.correlationId, true, detail);
            return;
        case CommandKind::RequestSensorData:
            measureNow();
            answer(c.name, c.correlationId, true, "reading queued");
            return;
        case CommandKind::Reboot:
            answer(c.name, c.correlationId, true, "rebooting");
            rebootAt_ = clock_.uptimeMs() + 1000;  // time for the answer to leave
            return;
        case CommandKind::Calibrate: {
            double* offset = c.sensor == "heart_rate" ? &offsetHeartRate_ : c.sensor == "spo2" ? &offsetSpo2_ : &offsetTemperature_;
            const Optional& last = c.sensor == "heart_rate" ? lastRaw_.heartRate : c.sensor == "spo2" ? lastRaw_.spo2 : lastRaw_.temperature;
            if (c.hasReference && !last.has) { answer(c.name, c.correlationId, false, "no " + c.sensor + " reading to calibrate against yet"); return; }
            *offset = c.hasReference ? c.reference - last.value : 0;
            lastCalibrationMs_ = clock_.epochMs();
            std::snprintf(detail, sizeof detail, "offset=%g", *offset);
            answer(c.name, c.correlationId, true, detail);
            return;
        }
    }
}

}  // namespace fajma
