// fajma-host-device: the ESP32 firmware's core running as a Linux device against a real Fajma server.
//   fajma-host-device --bundle DIR --state DIR [--interval-ms 1000] [--host H --port P] [--heart-rate 72]
//                     [--skip-hostname-check]
// DIR holds what `fajma devices provision --out DIR` writes (ca.pem, device.pem, device.key, device.json). The
// outbox lives in STATE/outbox (it survives a restart of this process); STATE/stats.json is rewritten every second
// and at exit with what the device made and what the broker acknowledged. SIGTERM: stop measuring, drain up to
// --drain-ms (5000), write the stats, exit 0.
#include <sys/stat.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>

#include "fajma_json.hpp"
#include "host_adapters.hpp"

namespace {

volatile std::sig_atomic_t g_stop = 0;
void onSignal(int) { g_stop = 1; }

std::string readFile(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    std::stringstream text;
    text << file.rdbuf();
    return text.str();
}

struct HostPlatform : fajma::Platform {
    bool rebootRequested = false;
    void reboot() override { rebootRequested = true; }  // the process restarts itself below: exec of the same binary
    void log(const std::string& line) override { std::fprintf(stderr, "%s\n", line.c_str()); }
};

void writeStats(const std::string& path, const fajma::Device& device, const fajma::Outbox& outbox, bool connected, bool final) {
    const auto& s = device.stats();
    fajma::Json j = fajma::Json::object();
    j.set("readings", fajma::Json::number(static_cast<double>(s.readings)));
    j.set("alerts", fajma::Json::number(static_cast<double>(s.alerts)));
    j.set("acknowledged", fajma::Json::number(static_cast<double>(s.acknowledged)));
    j.set("refused", fajma::Json::number(static_cast<double>(s.refused)));
    j.set("outbox", fajma::Json::number(static_cast<double>(outbox.size())));
    j.set("dropped", fajma::Json::number(static_cast<double>(outbox.dropped())));
    j.set("interval_ms", fajma::Json::number(static_cast<double>(device.intervalMs())));
    j.set("monitoring", fajma::Json::boolean(device.monitoring()));
    j.set("commands", fajma::Json::number(static_cast<double>(s.commands)));
    j.set("last_command", fajma::Json::string(s.lastCommand));
    j.set("connect_attempts", fajma::Json::number(static_cast<double>(s.connectAttempts)));
    j.set("connected", fajma::Json::boolean(connected));
    j.set("final", fajma::Json::boolean(final));
    std::string tmp = path + ".tmp";
    { std::ofstream out(tmp, std::ios::trunc); out << fajma::serialize(j) << "\n"; }
    std::rename(tmp.c_str(), path.c_str());
}

}  // namespace

int main(int argc, char** argv) {
    std::string bundle, state, host, interval = "1000", drain = "5000", heartRate = "72";
    int port = 0;
    bool checkHostname = true;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
        if (a == "--bundle") bundle = next();
        else if (a == "--state") state = next();
        else if (a == "--interval-ms") interval = next();
        else if (a == "--drain-ms") drain = next();
        else if (a == "--host") host = next();
        else if (a == "--heart-rate") heartRate = next();  // the synthetic patient's pulse (185: a tachycardia)
        else if (a == "--port") port = std::atoi(next().c_str());
        else if (a == "--skip-hostname-check") checkHostname = false;  // the chain is still checked against ca.pem
        else { std::fprintf(stderr, "unknown argument %s\n", a.c_str()); return 2; }
    }
    if (bundle.empty() || state.empty()) { std::fprintf(stderr, "usage: %s --bundle DIR --state DIR [--interval-ms N]\n", argv[0]); return 2; }
    auto parsed = fajma::parseJson(readFile(bundle + "/device.json"));
    if (!parsed.ok) { std::fprintf(stderr, "%s/device.json: %s\n", bundle.c_str(), parsed.error.c_str()); return 2; }
    auto text = [&](const char* k) { const auto* v = parsed.value.find(k); return v && v->kind() == fajma::Json::Kind::String ? v->asString() : std::string(); };

    fajma::DeviceConfig config;
    config.identity.deviceId = text("deviceId");
    if (!fajma::isValidDeviceId(config.identity.deviceId) || !fajma::base64UrlDecode(text("secret"), config.identity.secret)) {
        std::fprintf(stderr, "device.json needs a deviceId and a base64url secret\n");
        return 2;
    }
    config.intervalMs = std::atoll(interval.c_str());
    // mqttUrl: mqtts://host:port (what `fajma devices provision` writes); --host/--port override it.
    std::string url = text("mqttUrl");
    auto scheme = url.find("://");
    std::string authority = scheme == std::string::npos ? url : url.substr(scheme + 3);
    authority = authority.substr(0, authority.find('/'));
    auto colon = authority.rfind(':');
    if (host.empty()) host = authority.substr(0, colon);
    if (port == 0) port = colon == std::string::npos ? 8883 : std::atoi(authority.c_str() + colon + 1);

    ::mkdir(state.c_str(), 0700);
    std::string outboxDir = state + "/outbox";
    ::mkdir(outboxDir.c_str(), 0700);
    std::signal(SIGTERM, onSignal);
    std::signal(SIGINT, onSignal);

    fajma_host::SystemClock clock;
    fajma_host::HostRandom random;
    fajma_host::SyntheticSensors sensors(std::atof(heartRate.c_str()));
    fajma_host::FileSlots slots(outboxDir, 4096);
    fajma::Outbox outbox(slots);
    fajma_host::MosquittoTransport mqtt(config.identity.deviceId, host, port, bundle, checkHostname);
    HostPlatform platform;
    fajma::Device device(config, clock, random, sensors, outbox, mqtt, platform);
    mqtt.attach(device);
    device.begin();
    std::fprintf(stderr, "%s → %s:%d, every %s ms, %zu queued from before\n", config.identity.deviceId.c_str(), host.c_str(), port,
                 interval.c_str(), outbox.size());

    std::string stats = state + "/stats.json";
    auto lastStats = clock.uptimeMs();
    std::int64_t drainUntil = -1;
    for (;;) {
        if (g_stop && drainUntil < 0) {
            device.setMonitoring(false);
            drainUntil = clock.uptimeMs() + std::atoll(drain.c_str());
        }
        if (drainUntil >= 0 && (outbox.size() == 0 || clock.uptimeMs() > drainUntil)) break;
        device.loop();
        mqtt.poll(mqtt.connected() ? 20 : 0);
        if (!mqtt.connected()) std::this_thread::sleep_for(std::chrono::milliseconds(20));
        if (clock.uptimeMs() - lastStats >= 1000) {
            writeStats(stats, device, outbox, mqtt.connected(), false);
            lastStats = clock.uptimeMs();
        }
        if (platform.rebootRequested) {
            std::fprintf(stderr, "reboot requested\n");
            writeStats(stats, device, outbox, mqtt.connected(), false);
            mqtt.disconnect();
            ::execv("/proc/self/exe", argv);
            return 1;
        }
    }
    mqtt.disconnect();
    writeStats(stats, device, outbox, false, true);
    const auto& s = device.stats();
    std::printf("readings=%llu acknowledged=%llu refused=%llu outbox=%zu dropped=%llu\n", static_cast<unsigned long long>(s.readings),
                static_cast<unsigned long long>(s.acknowledged), static_cast<unsigned long long>(s.refused), outbox.size(),
                static_cast<unsigned long long>(outbox.dropped()));
    return 0;
}
