#include "fajma_alert.hpp"

namespace fajma {

bool CriticalHeartRateDetector::update(double hr, int quality, AlertPayload& alert) {
    int direction = hr > limits_.high ? 1 : hr < limits_.low ? -1 : 0;
    if (episode_) {
        bool recovered = hr <= limits_.high - limits_.hysteresisBpm && hr >= limits_.low + limits_.hysteresisBpm;
        inside_ = recovered ? inside_ + 1 : 0;
        if (inside_ >= limits_.confirmSamples) { episode_ = false; beyond_ = 0; inside_ = 0; }
        return false;
    }
    if (direction == 0 || direction != direction_) beyond_ = 0;
    direction_ = direction;
    if (direction == 0 || ++beyond_ < limits_.confirmSamples) return false;
    episode_ = true;
    inside_ = 0;
    alert = AlertPayload{};
    alert.alertType = direction > 0 ? "TACHYCARDIA" : "BRADYCARDIA";
    alert.severity = "CRITICAL";
    alert.description = direction > 0 ? "Heart rate above the device's critical limit" : "Heart rate below the device's critical limit";
    alert.measurements.emplace_back("heart_rate", hr);
    alert.measurements.emplace_back("confidence", quality >= 0 ? quality / 100.0 : 0.5);
    alert.recommendedAction = "IMMEDIATE_MEDICAL_ATTENTION";
    alert.autoEmergencyCall = false;
    return true;
}

}  // namespace fajma
