#include <gtest/gtest.h>

#include "fajma_alert.hpp"
#include "fajma_commands.hpp"
#include "fajma_json.hpp"

using namespace fajma;

namespace {
const char* kId = "6f1c2a8e-0b7d-4c39-9d2e-5a4b3c2d1e0f";
CommandParse parse(const std::string& text) { return parseCommand(text.data(), text.size()); }
std::string command(const std::string& name, const std::string& params = "null") {
    return std::string("{\"command\":\"") + name + "\",\"correlation_id\":\"" + kId + "\",\"expires_at\":1705312260000,\"consultation_id\":null,\"params\":" + params + "}";
}
}  // namespace

TEST(Commands, EveryContractCommandIsRead) {
    EXPECT_EQ(parse(command("activate_monitoring")).command.kind, CommandKind::ActivateMonitoring);
    EXPECT_EQ(parse(command("deactivate_monitoring")).command.kind, CommandKind::DeactivateMonitoring);
    EXPECT_EQ(parse(command("request_sensor_data")).command.kind, CommandKind::RequestSensorData);
    EXPECT_EQ(parse(command("reboot")).command.kind, CommandKind::Reboot);
    auto rate = parse(command("set_sampling_rate", "{\"interval_ms\":2500}"));
    ASSERT_TRUE(rate.ok) << rate.error;
    EXPECT_EQ(rate.command.intervalMs, 2500);
    EXPECT_EQ(rate.command.expiresAtMs, 1705312260000);
    EXPECT_EQ(rate.command.correlationId, kId);
    EXPECT_EQ(parse(command("set_sampling_rate_low")).command.rateFactor, 0.5);
    EXPECT_EQ(parse(command("set_sampling_rate_normal")).command.rateFactor, 1.0);
    auto calibrate = parse(command("calibrate", "{\"sensor\":\"temperature\",\"reference\":37.2}"));
    ASSERT_TRUE(calibrate.ok);
    EXPECT_EQ(calibrate.command.sensor, "temperature");
    EXPECT_TRUE(calibrate.command.hasReference);
    EXPECT_DOUBLE_EQ(calibrate.command.reference, 37.2);
    auto reset = parse(command("calibrate", "{\"sensor\":\"spo2\",\"reference\":null}"));
    ASSERT_TRUE(reset.ok);
    EXPECT_FALSE(reset.command.hasReference);
    // The server's consultation commands: no params at all, a consultation id.
    auto server = parse(std::string("{\"command\":\"activate_monitoring\",\"correlation_id\":\"") + kId + "\",\"consultation_id\":42,\"expires_at\":1}");
    ASSERT_TRUE(server.ok);
    EXPECT_EQ(server.command.consultationId, 42);
}

TEST(Commands, ABadCommandIsRefusedByNameAndStillAnsweredWhenItsCorrelationIdIsReadable) {
    struct Case { std::string text; std::string error; };
    for (const auto& c : {Case{command("self_destruct"), "unknown command 'self_destruct'"},
                          Case{command("set_sampling_rate", "{\"interval_ms\":5}"), "params.interval_ms must be a whole number from 100 to 3600000"},
                          Case{command("set_sampling_rate", "{\"interval_ms\":1000.5}"), "params.interval_ms must be a whole number from 100 to 3600000"},
                          Case{command("calibrate", "{\"sensor\":\"bp\"}"), "params.sensor must be heart_rate, spo2 or temperature"},
                          Case{command("calibrate", "{\"sensor\":\"spo2\",\"reference\":\"97\"}"), "params.reference must be a number or null"},
                          Case{command("reboot", "[1]"), "params must be an object"}}) {
        auto r = parse(c.text);
        EXPECT_FALSE(r.ok);
        EXPECT_EQ(r.error, c.error);
        EXPECT_EQ(r.command.correlationId, kId);
    }
    auto noId = parse("{\"command\":\"reboot\",\"correlation_id\":\"x\"}");
    EXPECT_FALSE(noId.ok);
    EXPECT_TRUE(noId.command.correlationId.empty());
    EXPECT_FALSE(parse("not json").ok);
    EXPECT_FALSE(parse("[]").ok);
    EXPECT_FALSE(parse(std::string(5000, ' ')).ok);
}

TEST(Commands, TheAnswerHasTheContractsShape) {
    EXPECT_EQ(commandAck(kId, true, ""), std::string("{\"correlation_id\":\"") + kId + "\",\"status\":\"ok\",\"detail\":null}");
    EXPECT_EQ(commandAck(kId, false, "no \"x\""), std::string("{\"correlation_id\":\"") + kId + "\",\"status\":\"error\",\"detail\":\"no \\\"x\\\"\"}");
}

TEST(CriticalHeartRate, AnEpisodeIsRaisedOnceAfterThreeReadingsAndReArmedOnlyPastTheHysteresis) {
    CriticalHeartRateDetector detector;
    AlertPayload alert;
    int raised = 0;
    // 151 twice then a dip: nothing; three in a row: one alert; noise around the limit: nothing more.
    for (double hr : {151.0, 152.0, 149.0, 155.0, 160.0, 158.0, 149.0, 151.0, 147.0, 148.0, 152.0, 146.0, 170.0, 171.0, 172.0}) {
        if (detector.update(hr, 90, alert)) ++raised;
    }
    EXPECT_EQ(raised, 1);
    EXPECT_EQ(alert.alertType, "TACHYCARDIA");
    EXPECT_EQ(alert.severity, "CRITICAL");
    EXPECT_EQ(alert.measurements.front().second, 158.0);
    EXPECT_DOUBLE_EQ(alert.measurements.back().second, 0.9);
    // Three readings at or under 145: the episode ends; a new one is raised again.
    for (double hr : {120.0, 110.0, 100.0}) EXPECT_FALSE(detector.update(hr, 90, alert));
    EXPECT_FALSE(detector.inEpisode());
    for (double hr : {35.0, 34.0}) EXPECT_FALSE(detector.update(hr, 90, alert));
    EXPECT_TRUE(detector.update(33.0, 90, alert));
    EXPECT_EQ(alert.alertType, "BRADYCARDIA");
}

TEST(CriticalHeartRate, AlternatingHighAndLowDoesNotCountAsAnEpisode) {
    CriticalHeartRateDetector detector;
    AlertPayload alert;
    for (double hr : {160.0, 30.0, 160.0, 30.0, 160.0, 30.0}) EXPECT_FALSE(detector.update(hr, 50, alert));
}
