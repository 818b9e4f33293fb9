// The board's side of the core's interfaces: clock (millis + SNTP), random (esp_random), sensors (MAX30102 over I2C,
// DS18B20 over 1-Wire), outbox slots (LittleFS files), MQTT (ESP-IDF's esp-mqtt over TLS with the device
// certificate), HTTPS backup (HTTPClient), reboot. Files on LittleFS (see README): /bundle/{ca.pem, device.pem,
// device.key, device.json, wifi.json}.
#pragma once
#include <Arduino.h>
#include <DallasTemperature.h>
#include <HTTPClient.h>
#include <LittleFS.h>
#include <MAX30105.h>
#include <OneWire.h>
#include <WiFi.h>
#include <WiFiClientSecure.h>
#include <Wire.h>

#include <string>
#include <vector>

#include "fajma_device.hpp"
#include "fajma_ds18b20.hpp"
#include "fajma_json.hpp"
#include "fajma_ppg.hpp"
#include "fajma_esp32_mqtt.h"

namespace fajma_esp32 {

constexpr int kSda = 21, kScl = 22, kOneWirePin = 4;
constexpr double kPpgRateHz = 100;         // 400 Hz sampled, averaged by 4 in the sensor's FIFO
constexpr std::size_t kPpgWindow = 400;    // 4 s of pulses per reading
constexpr std::size_t kOutboxSlots = 256;  // ~256 × 600 B on LittleFS: about 20 min of readings at 5 s

inline std::string readFile(const char* path) {
    File f = LittleFS.open(path, "r");
    if (!f) return "";
    String s = f.readString();
    f.close();
    return s.c_str();
}

struct EspClock : fajma::Clock {
    std::int64_t uptimeMs() override { return static_cast<std::int64_t>(millis()); }
    std::int64_t epochMs() override {
        timeval tv{};
        gettimeofday(&tv, nullptr);
        return static_cast<std::int64_t>(tv.tv_sec) * 1000 + tv.tv_usec / 1000;
    }
    bool wallClockValid() override { return time(nullptr) > 1700000000; }  // SNTP has answered
};

struct EspRandom : fajma::Random {
    void fill(std::uint8_t* out, std::size_t n) override {
        for (std::size_t i = 0; i < n; ++i) out[i] = static_cast<std::uint8_t>(esp_random());
    }
    double unit() override { return esp_random() / 4294967296.0; }
};

// One file per slot, written to a temporary name and renamed: LittleFS renames atomically, so a power cut leaves
// the old record or the new one.
struct LittleFsSlots : fajma::SlotStore {
    std::size_t slots() const override { return kOutboxSlots; }
    static String path(std::size_t slot) { return String("/outbox/") + String(static_cast<unsigned long>(slot)); }
    bool read(std::size_t slot, std::string& out) override {
        if (!LittleFS.exists(path(slot))) return false;
        out = readFile(path(slot).c_str());
        return !out.empty();
    }
    bool write(std::size_t slot, const std::string& data) override {
        String tmp = path(slot) + ".tmp";
        File f = LittleFS.open(tmp, "w");
        if (!f) return false;
        bool ok = f.write(reinterpret_cast<const uint8_t*>(data.data()), data.size()) == data.size();
        f.close();
        return ok && LittleFS.rename(tmp, path(slot));
    }
    bool erase(std::size_t slot) override { return LittleFS.remove(path(slot)) || !LittleFS.exists(path(slot)); }
};

class Sensors : public fajma::Sensors {
public:
    void begin() {
        Wire.begin(kSda, kScl);
        ppgReady_ = max_.begin(Wire, I2C_SPEED_FAST);
        if (ppgReady_) max_.setup(0x1F, 4, 2, 400, 411, 4096);  // red + IR, 400 Hz averaged by 4
        dallas_.begin();
        probe_ = dallas_.getAddress(address_, 0);
        if (probe_) {
            dallas_.setResolution(address_, 12);
            dallas_.setWaitForConversion(false);  // never block the loop 750 ms: read at the next reading
            dallas_.requestTemperatures();
        }
    }
    // Drains the sensor's FIFO into the last 4 s of samples; call every loop.
    void poll() {
        if (!ppgReady_) return;
        max_.check();
        while (max_.available()) {
            push(red_, max_.getFIFORed());
            push(ir_, max_.getFIFOIR());
            max_.nextSample();
        }
    }
    fajma::Reading measure() override {
        fajma::Reading r;
        if (ppgReady_ && ir_.size() == kPpgWindow) {
            auto ppg = fajma::analyzePpg(red_, ir_, kPpgRateHz);
            if (ppg.heartRateValid) r.heartRate = static_cast<double>(static_cast<long>(ppg.heartRate * 10 + 0.5)) / 10;
            if (ppg.spo2Valid) r.spo2 = static_cast<double>(static_cast<long>(ppg.spo2 * 10 + 0.5)) / 10;
            r.quality = ppg.quality;
        }
        std::uint8_t pad[9];
        double celsius = 0;
        if (probe_ && dallas_.isConversionComplete() && dallas_.readScratchPad(address_, pad) &&
            fajma::ds18b20Read(pad, celsius) == fajma::Ds18b20Status::Ok && celsius > 25 && celsius < 45)
            r.temperature = celsius;  // outside 25–45 °C the probe is not on a body
        if (probe_) dallas_.requestTemperatures();
        return r;
    }
    fajma::DeviceStatus status() override {
        fajma::DeviceStatus s;
        s.signalStrength = WiFi.RSSI();
        return s;
    }

private:
    MAX30105 max_;
    OneWire wire_{kOneWirePin};
    DallasTemperature dallas_{&wire_};
    DeviceAddress address_{};
    bool ppgReady_ = false, probe_ = false;
    std::vector<std::uint32_t> red_, ir_;
    static void push(std::vector<std::uint32_t>& v, std::uint32_t x) {
        if (v.size() == kPpgWindow) v.erase(v.begin());
        v.push_back(x);
    }
};

// HTTPS backup: the same signed message, to /api/v1/iot/realtime-data/ (alerts to /api/v1/iot/alerts/critical/),
// with the same client certificate.
class Https : public fajma::BackupTransport {
public:
    void configure(const std::string& baseUrl, const std::string& ca, const std::string& cert, const std::string& key) {
        base_ = baseUrl; ca_ = ca; cert_ = cert; key_ = key;
    }
    fajma::BackupResult send(const std::string& topic, const std::string& payload) override {
        if (base_.empty()) return fajma::BackupResult::Unavailable;
        bool alert = topic.size() > 7 && topic.compare(topic.size() - 7, 7, "/alerts") == 0;
        if (topic.size() > 7 && topic.compare(topic.size() - 7, 7, "/status") == 0) return fajma::BackupResult::Stored;  // QoS 0 class
        WiFiClientSecure tls;
        tls.setCACert(ca_.c_str());
        tls.setCertificate(cert_.c_str());
        tls.setPrivateKey(key_.c_str());
        HTTPClient http;
        http.begin(tls, String((base_ + (alert ? "/api/v1/iot/alerts/critical/" : "/api/v1/iot/realtime-data/")).c_str()));
        http.addHeader("Content-Type", "application/json");
        const char* wanted[] = {"Retry-After"};
        http.collectHeaders(wanted, 1);
        int code = http.POST(reinterpret_cast<uint8_t*>(const_cast<char*>(payload.data())), payload.size());
        // A busy server (503, 429) says in whole seconds when to come back: the core waits that long.
        long seconds = http.header("Retry-After").toInt();
        retryAfterMs_ = (code == 503 || code == 429) && seconds > 0 && seconds <= 3600 ? static_cast<std::int64_t>(seconds) * 1000 : -1;
        http.end();
        if (code >= 200 && code < 300) return fajma::BackupResult::Stored;
        if (code >= 400 && code < 500 && code != 408 && code != 429) return fajma::BackupResult::Refused;
        return fajma::BackupResult::Unavailable;
    }

    std::int64_t retryAfterMs() const override { return retryAfterMs_; }

private:
    std::string base_, ca_, cert_, key_;
    std::int64_t retryAfterMs_ = -1;
};

struct EspPlatform : fajma::Platform {
    void reboot() override { ESP.restart(); }
    void log(const std::string& line) override { Serial.println(line.c_str()); }
};

class Board {
public:
    void setup() {
        LittleFS.begin(true);
        LittleFS.mkdir("/outbox");
        auto bundle = fajma::parseJson(readFile("/bundle/device.json"));
        auto wifi = fajma::parseJson(readFile("/bundle/wifi.json"));
        if (!bundle.ok || !wifi.ok) { Serial.println("missing /bundle/device.json or /bundle/wifi.json (see README)"); return; }
        auto text = [](const fajma::Json& j, const char* k) { const auto* v = j.find(k); return v && v->kind() == fajma::Json::Kind::String ? v->asString() : std::string(); };
        fajma::DeviceConfig config;
        config.identity.deviceId = text(bundle.value, "deviceId");
        fajma::base64UrlDecode(text(bundle.value, "secret"), config.identity.secret);
        config.intervalMs = 5000;
        std::string ca = readFile("/bundle/ca.pem"), cert = readFile("/bundle/device.pem"), key = readFile("/bundle/device.key");
        std::string uri = text(bundle.value, "mqttUrl");  // mqtts://host:8883
        mqtt_.configure(uri, config.identity.deviceId, "fajma/sensors/" + config.identity.deviceId + "/status", ca, cert, key);
        https_.configure(text(wifi.value, "httpsUrl"), ca, cert, key);

        WiFi.mode(WIFI_STA);
        WiFi.setAutoReconnect(true);
        WiFi.begin(text(wifi.value, "ssid").c_str(), text(wifi.value, "password").c_str());
        configTime(0, 0, "pool.ntp.org", "time.google.com");  // UTC; readings wait until it answers

        sensors_.begin();
        device_ = new fajma::Device(config, clock_, random_, sensors_, outbox_, mqtt_, platform_, &https_);
        device_->begin();
    }

    void loop() {
        if (!device_) return;
        sensors_.poll();
        mqtt_.deliver(*device_);
        device_->loop();  // measures and queues without Wi-Fi too; connection attempts back off until it returns
    }

private:
    EspClock clock_;
    EspRandom random_;
    Sensors sensors_;
    LittleFsSlots slots_;
    fajma::Outbox outbox_{slots_};
    Mqtt mqtt_;
    Https https_;
    EspPlatform platform_;
    fajma::Device* device_ = nullptr;
};

}  // namespace fajma_esp32
