// Heart rate and SpO2 from a MAX30102's raw red and infrared samples: peaks of the detrended IR pulse give the
// rate; the ratio of ratios R = (AC_red/DC_red)/(AC_ir/DC_ir) per beat gives SpO2 by the usual empirical line
// SpO2 = 110 − 25·R (uncalibrated: `calibrate` with a reference oximeter adds an offset on the device).
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

namespace fajma {

struct PpgResult {
    bool heartRateValid = false;
    double heartRate = 0;  // bpm
    bool spo2Valid = false;
    double spo2 = 0;       // %
    double ratio = 0;      // R
    int quality = 0;       // 0–100: regularity of the beats found
    int beats = 0;
};

// `red` and `ir` hold the same number of samples taken at `sampleRateHz` (the MAX30102 runs at 25–400 Hz); a few
// seconds (4 s or more) are needed for a rate. No finger (tiny or flat IR) gives an invalid result.
PpgResult analyzePpg(const std::vector<std::uint32_t>& red, const std::vector<std::uint32_t>& ir, double sampleRateHz);

double spo2FromRatio(double ratio);

}  // namespace fajma
