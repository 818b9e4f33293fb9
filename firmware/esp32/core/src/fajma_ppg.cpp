#include "fajma_ppg.hpp"

#include <algorithm>
#include <cmath>

namespace fajma {

double spo2FromRatio(double ratio) { return 110.0 - 25.0 * ratio; }

namespace {

// The pulse without its slow baseline: each sample minus the centred moving average over `window` samples.
std::vector<double> detrend(const std::vector<std::uint32_t>& x, std::size_t window) {
    std::vector<double> out(x.size());
    std::vector<double> prefix(x.size() + 1, 0);
    for (std::size_t i = 0; i < x.size(); ++i) prefix[i + 1] = prefix[i] + x[i];
    for (std::size_t i = 0; i < x.size(); ++i) {
        std::size_t lo = i >= window / 2 ? i - window / 2 : 0;
        std::size_t hi = std::min(x.size(), i + window / 2 + 1);
        out[i] = x[i] - (prefix[hi] - prefix[lo]) / static_cast<double>(hi - lo);
    }
    return out;
}

std::vector<double> smooth(const std::vector<double>& x, std::size_t n) {
    std::vector<double> out(x.size());
    double sum = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        sum += x[i];
        if (i >= n) sum -= x[i - n];
        out[i] = sum / static_cast<double>(std::min(i + 1, n));
    }
    return out;
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

}  // namespace

PpgResult analyzePpg(const std::vector<std::uint32_t>& red, const std::vector<std::uint32_t>& ir, double fs) {
    PpgResult r;
    if (fs <= 0 || ir.size() != red.size() || ir.size() < static_cast<std::size_t>(fs * 2)) return r;
    double irMean = 0;
    for (auto v : ir) irMean += v;
    irMean /= static_cast<double>(ir.size());
    if (irMean < 10000) return r;  // no finger on the sensor: the IR reflection is tiny

    auto window = static_cast<std::size_t>(fs * 1.5) | 1;
    auto pulse = smooth(detrend(ir, window), std::max<std::size_t>(1, static_cast<std::size_t>(fs / 25)));
    double top = *std::max_element(pulse.begin(), pulse.end());
    double bottom = *std::min_element(pulse.begin(), pulse.end());
    if (top - bottom < irMean * 0.0005) return r;  // flat: no pulse
    double threshold = 0.35 * top;
    auto minDistance = static_cast<std::size_t>(fs * 60.0 / 220.0);  // at most 220 bpm

    std::vector<std::size_t> peaks;
    for (std::size_t i = 1; i + 1 < pulse.size(); ++i) {
        if (pulse[i] < threshold || pulse[i] < pulse[i - 1] || pulse[i] <= pulse[i + 1]) continue;
        if (!peaks.empty() && i - peaks.back() < minDistance) {
            if (pulse[i] > pulse[peaks.back()]) peaks.back() = i;  // the higher of two close maxima
            continue;
        }
        peaks.push_back(i);
    }
    r.beats = peaks.size() > 1 ? static_cast<int>(peaks.size() - 1) : 0;
    if (peaks.size() < 3) return r;

    std::vector<double> intervals;
    for (std::size_t i = 1; i < peaks.size(); ++i) intervals.push_back(static_cast<double>(peaks[i] - peaks[i - 1]));
    double mean = 0;
    for (double v : intervals) mean += v;
    mean /= static_cast<double>(intervals.size());
    double variance = 0;
    for (double v : intervals) variance += (v - mean) * (v - mean);
    double cv = std::sqrt(variance / static_cast<double>(intervals.size())) / mean;
    r.heartRate = 60.0 * fs / median(intervals);
    r.quality = static_cast<int>(std::lround(100.0 * std::max(0.0, 1.0 - cv * 5.0)));
    r.heartRateValid = r.heartRate >= 30 && r.heartRate <= 240;

    // Ratio of ratios beat by beat, on the raw signals (AC: peak-to-trough, DC: mean over the beat).
    std::vector<double> ratios;
    for (std::size_t b = 1; b < peaks.size(); ++b) {
        double irMax = 0, irMin = 1e18, redMax = 0, redMin = 1e18, irSum = 0, redSum = 0;
        for (std::size_t i = peaks[b - 1]; i < peaks[b]; ++i) {
            irMax = std::max(irMax, double(ir[i])); irMin = std::min(irMin, double(ir[i]));
            redMax = std::max(redMax, double(red[i])); redMin = std::min(redMin, double(red[i]));
            irSum += ir[i]; redSum += red[i];
        }
        double n = static_cast<double>(peaks[b] - peaks[b - 1]);
        double irAc = irMax - irMin, redAc = redMax - redMin;
        if (irAc <= 0 || redSum <= 0) continue;
        ratios.push_back((redAc / (redSum / n)) / (irAc / (irSum / n)));
    }
    if (ratios.empty()) return r;
    r.ratio = median(ratios);
    double spo2 = spo2FromRatio(r.ratio);
    r.spo2Valid = r.ratio > 0.3 && spo2 >= 50;
    r.spo2 = std::min(100.0, spo2);
    return r;
}

}  // namespace fajma
