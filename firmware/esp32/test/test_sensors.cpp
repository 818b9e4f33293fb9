#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "fajma_ds18b20.hpp"
#include "fajma_ppg.hpp"

using namespace fajma;

namespace {

// A PPG of `bpm` at `fs` Hz whose red/IR ratio of ratios gives `spo2` by 110 − 25·R, with a dicrotic harmonic,
// a 0.2 Hz breathing baseline and sensor noise.
void synthesize(double bpm, double spo2, double fs, double seconds, std::vector<std::uint32_t>& red, std::vector<std::uint32_t>& ir,
                unsigned seed = 1) {
    std::mt19937 rng(seed);
    std::normal_distribution<double> noise(0, 15);
    double ratio = (110 - spo2) / 25;
    double irDc = 120000, irAc = 1800, redDc = 90000;
    double redAc = ratio * irAc / irDc * redDc;
    const double pi = 3.14159265358979323846;
    red.clear();
    ir.clear();
    for (int i = 0; i < static_cast<int>(fs * seconds); ++i) {
        double t = i / fs;
        double phase = 2 * pi * bpm / 60 * t;
        double pulse = std::sin(phase) + 0.3 * std::sin(2 * phase + 0.8);
        pulse /= 1.3;  // peak-to-peak about 2
        double wander = std::sin(2 * pi * 0.2 * t);
        ir.push_back(static_cast<std::uint32_t>(irDc + irAc / 2 * pulse + 300 * wander + noise(rng)));
        red.push_back(static_cast<std::uint32_t>(redDc + redAc / 2 * pulse + 225 * wander + noise(rng)));
    }
}

}  // namespace

TEST(Ppg, HeartRateAndSpo2OfSyntheticPulsesAreFoundWithinTolerance) {
    struct Case { double bpm, spo2, fs; };
    for (auto c : {Case{60, 98, 100}, Case{72, 97, 100}, Case{45, 95, 50}, Case{110, 92, 100}, Case{150, 88, 200}, Case{180, 99, 100}}) {
        std::vector<std::uint32_t> red, ir;
        synthesize(c.bpm, c.spo2, c.fs, 8, red, ir, static_cast<unsigned>(c.bpm));
        auto r = analyzePpg(red, ir, c.fs);
        ASSERT_TRUE(r.heartRateValid) << c.bpm;
        EXPECT_NEAR(r.heartRate, c.bpm, c.bpm * 0.03) << c.bpm;
        ASSERT_TRUE(r.spo2Valid) << c.bpm;
        EXPECT_NEAR(r.spo2, c.spo2, 1.5) << c.bpm;
        EXPECT_GT(r.quality, 70);
    }
}

TEST(Ppg, NoFingerOrAFlatSignalGivesNoReading) {
    std::vector<std::uint32_t> dark(400, 1200), flat(400, 120000);
    EXPECT_FALSE(analyzePpg(dark, dark, 100).heartRateValid);
    EXPECT_FALSE(analyzePpg(flat, flat, 100).heartRateValid);
    EXPECT_FALSE(analyzePpg(flat, flat, 100).spo2Valid);
    std::vector<std::uint32_t> shortRed(50, 120000);
    EXPECT_FALSE(analyzePpg(shortRed, shortRed, 100).heartRateValid);
}

TEST(Ds18b20, TheDatasheetsTemperatureDataExamplesConvert) {
    struct Case { std::uint16_t raw; double celsius; };
    // Maxim DS18B20 datasheet, Table 1 (temperature/data relationship).
    for (auto c : {Case{0x07D0, 125}, Case{0x0550, 85}, Case{0x0191, 25.0625}, Case{0x00A2, 10.125}, Case{0x0008, 0.5}, Case{0x0000, 0},
                   Case{0xFFF8, -0.5}, Case{0xFF5E, -10.125}, Case{0xFE6F, -25.0625}, Case{0xFC90, -55}}) {
        EXPECT_DOUBLE_EQ(ds18b20Celsius(c.raw & 0xFF, c.raw >> 8), c.celsius) << std::hex << c.raw;
    }
    EXPECT_DOUBLE_EQ(ds18b20Celsius(0x91, 0x01, 9), 25.0);  // 9 bits: the three undefined low bits masked
}

TEST(Ds18b20, AScratchpadIsCheckedByItsCrcAndThePowerOnValueIsRefused) {
    std::uint8_t pad[9] = {0x4E, 0x02, 0x4B, 0x46, 0x7F, 0xFF, 0x02, 0x10, 0};  // 36.875 °C, 12 bits
    pad[8] = dallasCrc8(pad, 8);
    double c = 0;
    ASSERT_EQ(ds18b20Read(pad, c), Ds18b20Status::Ok);
    EXPECT_DOUBLE_EQ(c, 36.875);
    pad[0] ^= 1;
    EXPECT_EQ(ds18b20Read(pad, c), Ds18b20Status::BadCrc);
    std::uint8_t reset[9] = {0x50, 0x05, 0x4B, 0x46, 0x7F, 0xFF, 0x0C, 0x10, 0};
    reset[8] = dallasCrc8(reset, 8);
    EXPECT_EQ(ds18b20Read(reset, c), Ds18b20Status::PowerOnValue);
    std::uint8_t absent[9] = {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};
    EXPECT_EQ(ds18b20Read(absent, c), Ds18b20Status::AllOnes);
    // The ROM code example of Maxim application note 27: 02 1C B8 01 00 00 00 → CRC A2.
    std::uint8_t rom[7] = {0x02, 0x1C, 0xB8, 0x01, 0x00, 0x00, 0x00};
    EXPECT_EQ(dallasCrc8(rom, 7), 0xA2);
}
