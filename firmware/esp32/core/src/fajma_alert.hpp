// On-device detection of a critical heart rate, sent at once as CRITICAL_ALERT (QoS 2) rather than waiting for the
// server's rules: raised after `confirmSamples` readings in a row beyond a limit, once per episode, and re-armed only
// after `confirmSamples` readings back inside the limits by `hysteresisBpm` — a noisy 151, 149, 152 raises nothing twice.
#pragma once
#include "fajma_messages.hpp"

namespace fajma {

struct CriticalHeartRateLimits {
    double low = 40;
    double high = 150;
    double hysteresisBpm = 5;
    int confirmSamples = 3;
};

class CriticalHeartRateDetector {
public:
    explicit CriticalHeartRateDetector(CriticalHeartRateLimits limits = {}) : limits_(limits) {}
    // Feeds one reading; true (and `alert` filled) when an episode starts.
    bool update(double heartRate, int quality, AlertPayload& alert);
    bool inEpisode() const { return episode_; }

private:
    CriticalHeartRateLimits limits_;
    bool episode_ = false;
    int beyond_ = 0;
    int inside_ = 0;
    int direction_ = 0;  // -1 low, +1 high
};

}  // namespace fajma
