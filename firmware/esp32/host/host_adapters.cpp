#include "host_adapters.hpp"

#include <mqtt_protocol.h>
#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <vector>

#include "fajma_ds18b20.hpp"
#include "fajma_ppg.hpp"

namespace fajma_host {

std::int64_t SystemClock::uptimeMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

std::int64_t SystemClock::epochMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

void HostRandom::fill(std::uint8_t* out, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) out[i] = static_cast<std::uint8_t>(engine());
}

bool FileSlots::read(std::size_t slot, std::string& out) {
    std::ifstream file(path(slot), std::ios::binary);
    if (!file) return false;
    std::stringstream text;
    text << file.rdbuf();
    out = text.str();
    return true;
}

bool FileSlots::write(std::size_t slot, const std::string& data) {
    std::string tmp = path(slot) + ".tmp";
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0) return false;
    bool ok = ::write(fd, data.data(), data.size()) == static_cast<ssize_t>(data.size()) && ::fsync(fd) == 0;
    ::close(fd);
    return ok && std::rename(tmp.c_str(), path(slot).c_str()) == 0;
}

bool FileSlots::erase(std::size_t slot) {
    return std::remove(path(slot).c_str()) == 0 || access(path(slot).c_str(), F_OK) != 0;
}

fajma::Reading SyntheticSensors::measure() {
    const double fs = 100, bpm = bpm_, spo2 = 97, pi = 3.14159265358979323846;
    std::normal_distribution<double> noise(0, 12);
    double ratio = (110 - spo2) / 25, irDc = 120000, irAc = 1800, redDc = 90000, redAc = ratio * irAc / irDc * redDc;
    std::vector<std::uint32_t> red, ir;
    for (int i = 0; i < 400; ++i) {
        phase_ += 2 * pi * bpm / 60 / fs;
        double pulse = (std::sin(phase_) + 0.3 * std::sin(2 * phase_ + 0.8)) / 1.3;
        ir.push_back(static_cast<std::uint32_t>(irDc + irAc / 2 * pulse + noise(rng_)));
        red.push_back(static_cast<std::uint32_t>(redDc + redAc / 2 * pulse + noise(rng_)));
    }
    auto ppg = fajma::analyzePpg(red, ir, fs);
    fajma::Reading r;
    if (ppg.heartRateValid) r.heartRate = std::round(ppg.heartRate * 10) / 10;
    if (ppg.spo2Valid) r.spo2 = std::round(ppg.spo2 * 10) / 10;
    r.quality = ppg.quality;
    auto raw = static_cast<std::int16_t>(36.8 * 16 + std::uniform_int_distribution<int>(-2, 2)(rng_));
    std::uint8_t pad[9] = {static_cast<std::uint8_t>(raw & 0xFF), static_cast<std::uint8_t>(raw >> 8), 0x4B, 0x46, 0x7F, 0xFF, 0x01, 0x10, 0};
    pad[8] = fajma::dallasCrc8(pad, 8);
    double celsius = 0;
    if (fajma::ds18b20Read(pad, celsius) == fajma::Ds18b20Status::Ok) r.temperature = celsius;
    return r;
}

MosquittoTransport::MosquittoTransport(const std::string& deviceId, const std::string& host, int port, const std::string& bundle, bool checkHostname)
    : deviceId_(deviceId), host_(host), port_(port) {
    mosquitto_lib_init();
    mosq_ = mosquitto_new(deviceId.c_str(), true, this);
    mosquitto_int_option(mosq_, MOSQ_OPT_PROTOCOL_VERSION, MQTT_PROTOCOL_V5);
    mosquitto_tls_set(mosq_, (bundle + "/ca.pem").c_str(), nullptr, (bundle + "/device.pem").c_str(), (bundle + "/device.key").c_str(), nullptr);
    mosquitto_tls_opts_set(mosq_, 1, "tlsv1.2", nullptr);
    // The chain is always checked against the pinned CA; the broker's name too unless --skip-hostname-check.
    if (!checkHostname) mosquitto_tls_insecure_set(mosq_, true);
    std::string will = "fajma/sensors/" + deviceId + "/status";
    mosquitto_will_set_v5(mosq_, will.c_str(), static_cast<int>(std::string(fajma::Device::kOfflineWill).size()), fajma::Device::kOfflineWill, 1, false, nullptr);
    mosquitto_connect_v5_callback_set(mosq_, &MosquittoTransport::onConnect);
    mosquitto_disconnect_v5_callback_set(mosq_, &MosquittoTransport::onDisconnect);
    mosquitto_publish_v5_callback_set(mosq_, &MosquittoTransport::onPublish);
    mosquitto_message_v5_callback_set(mosq_, &MosquittoTransport::onMessage);
}

MosquittoTransport::~MosquittoTransport() {
    mosquitto_destroy(mosq_);
    mosquitto_lib_cleanup();
}

bool MosquittoTransport::connect() {
    int rc = started_ ? mosquitto_reconnect(mosq_) : mosquitto_connect(mosq_, host_.c_str(), port_, 30);
    if (rc != MOSQ_ERR_SUCCESS) {
        std::fprintf(stderr, "connect to %s:%d: %s\n", host_.c_str(), port_, mosquitto_strerror(rc));
        return false;
    }
    started_ = true;
    return true;
}

bool MosquittoTransport::publish(const std::string& topic, const std::string& payload, int qos, std::uint64_t tag) {
    int mid = 0;
    int rc = mosquitto_publish_v5(mosq_, &mid, topic.c_str(), static_cast<int>(payload.size()), payload.data(), qos, false, nullptr);
    if (rc != MOSQ_ERR_SUCCESS) return false;
    if (qos > 0 && tag != 0) tags_[mid] = tag;
    return true;
}

void MosquittoTransport::poll(int timeoutMs) {
    if (!started_) return;
    int rc = mosquitto_loop(mosq_, timeoutMs, 1);
    if (rc != MOSQ_ERR_SUCCESS && connected_) {
        connected_ = false;
        tags_.clear();
        if (device_) device_->onDisconnected();
    }
}

void MosquittoTransport::disconnect() {
    if (connected_) mosquitto_disconnect_v5(mosq_, 0, nullptr);
    connected_ = false;
}

void MosquittoTransport::onConnect(struct mosquitto* mosq, void* self, int rc, int, const mosquitto_property*) {
    auto* t = static_cast<MosquittoTransport*>(self);
    if (rc != 0) {
        std::fprintf(stderr, "broker refused the connection: %s\n", mosquitto_reason_string(rc));
        return;
    }
    t->connected_ = true;
    std::string commands = "fajma/devices/" + t->deviceId_ + "/commands";
    mosquitto_subscribe_v5(mosq, nullptr, commands.c_str(), 1, 0, nullptr);
    if (t->device_) t->device_->onConnected();
}

void MosquittoTransport::onDisconnect(struct mosquitto*, void* self, int rc, const mosquitto_property*) {
    auto* t = static_cast<MosquittoTransport*>(self);
    std::fprintf(stderr, "disconnected (%d)\n", rc);
    if (!t->connected_) return;
    t->connected_ = false;
    t->tags_.clear();
    if (t->device_) t->device_->onDisconnected();
}

// The seconds a busy server's PUBACK asks the device to wait (the "retry-after" user property, Fajma.Core's
// MqttRetryAfter), in ms; -1 when it says nothing readable.
static std::int64_t retryAfterMs(const mosquitto_property* properties) {
    std::int64_t found = -1;
    bool skipFirst = false;
    char* name = nullptr;
    char* value = nullptr;
    for (const auto* p = properties; (p = mosquitto_property_read_string_pair(p, MQTT_PROP_USER_PROPERTY, &name, &value, skipFirst)) != nullptr;
         skipFirst = true) {
        if (std::strcmp(name, "retry-after") == 0) {
            char* end = nullptr;
            long seconds = std::strtol(value, &end, 10);
            if (end != value && *end == '\0' && seconds >= 0 && seconds <= 3600) found = static_cast<std::int64_t>(seconds) * 1000;
        }
        std::free(name);
        std::free(value);
    }
    return found;
}

void MosquittoTransport::onPublish(struct mosquitto*, void* self, int mid, int reason, const mosquitto_property* properties) {
    auto* t = static_cast<MosquittoTransport*>(self);
    auto it = t->tags_.find(mid);
    if (it == t->tags_.end()) return;
    auto tag = it->second;
    t->tags_.erase(it);
    if (reason >= 0x80) std::fprintf(stderr, "message refused by the broker: %s\n", mosquitto_reason_string(reason));
    // Server busy / quota exceeded pass: the message stays queued and goes again; any other refusal is final.
    if (reason == 0x89 || reason == 0x97) {
        if (t->device_) t->device_->onRetryLater(tag, retryAfterMs(properties));
        return;
    }
    if (t->device_) t->device_->onAcknowledged(tag, reason < 0x80);
}

void MosquittoTransport::onMessage(struct mosquitto*, void* self, const struct mosquitto_message* message, const mosquitto_property*) {
    auto* t = static_cast<MosquittoTransport*>(self);
    if (t->device_) t->device_->onCommand(static_cast<const char*>(message->payload), static_cast<std::size_t>(message->payloadlen));
}

}  // namespace fajma_host
