// The core's interfaces on Linux: steady/system clocks, std::random_device, one file per outbox slot (written to a
// temporary name, fsynced, renamed), a synthetic MAX30102 + DS18B20 whose raw samples go through the core's own
// analysis, and libmosquitto (MQTT 5 over TLS with the bundle's CA, certificate and key).
#pragma once
#include <mosquitto.h>

#include <map>
#include <random>
#include <string>

#include "fajma_device.hpp"

namespace fajma_host {

struct SystemClock : fajma::Clock {
    std::int64_t uptimeMs() override;
    std::int64_t epochMs() override;
    bool wallClockValid() override { return true; }  // the host's clock stands in for SNTP
};

struct HostRandom : fajma::Random {
    std::mt19937_64 engine{std::random_device{}()};
    void fill(std::uint8_t* out, std::size_t n) override;
    double unit() override { return std::uniform_real_distribution<double>(0, 1)(engine); }
};

class FileSlots : public fajma::SlotStore {
public:
    FileSlots(std::string directory, std::size_t slots) : dir_(std::move(directory)), slots_(slots) {}
    std::size_t slots() const override { return slots_; }
    bool read(std::size_t slot, std::string& out) override;
    bool write(std::size_t slot, const std::string& data) override;
    bool erase(std::size_t slot) override;

private:
    std::string dir_;
    std::size_t slots_;
    std::string path(std::size_t slot) const { return dir_ + "/slot-" + std::to_string(slot); }
};

// A patient: raw red/IR samples at 100 Hz (72 bpm at rest unless told otherwise, SpO2 97 %) and a DS18B20 scratchpad near 36.8 °C, read
// through the same code the board runs.
class SyntheticSensors : public fajma::Sensors {
public:
    explicit SyntheticSensors(double bpm = 72) : bpm_(bpm) {}
    fajma::Reading measure() override;

private:
    double bpm_;
    std::mt19937 rng_{42};
    double phase_ = 0;
};

class MosquittoTransport : public fajma::Transport {
public:
    MosquittoTransport(const std::string& deviceId, const std::string& host, int port, const std::string& bundle, bool checkHostname);
    ~MosquittoTransport() override;
    void attach(fajma::Device& device) { device_ = &device; }
    bool connected() override { return connected_; }
    bool connect() override;
    bool publish(const std::string& topic, const std::string& payload, int qos, std::uint64_t tag) override;
    void poll(int timeoutMs);
    void disconnect();

private:
    struct mosquitto* mosq_ = nullptr;
    std::string deviceId_, host_;
    int port_;
    bool connected_ = false, started_ = false;
    fajma::Device* device_ = nullptr;
    std::map<int, std::uint64_t> tags_;
    static void onConnect(struct mosquitto*, void*, int, int, const mosquitto_property*);
    static void onDisconnect(struct mosquitto*, void*, int, const mosquitto_property*);
    static void onPublish(struct mosquitto*, void*, int, int, const mosquitto_property*);
    static void onMessage(struct mosquitto*, void*, const struct mosquitto_message*, const mosquitto_property*);
};

}  // namespace fajma_host
