// The seed's retry policy (000 §2.1 "retry_policy", §6.1): 3 retries, base 1 s, ×2, at most 30 s, with jitter so a
// ward of devices coming back after an outage does not reconnect in step. The jitter source is injected.
#pragma once
#include <cstdint>
#include <functional>

namespace fajma {

struct RetryPolicy {
    int maxRetries = 3;
    std::int64_t baseMs = 1000;
    double factor = 2.0;
    std::int64_t capMs = 30000;
    double jitter = 0.2;  // ± this fraction of the delay

    // Delay before retry number `attempt` (1-based); `unit` is a random number in [0, 1).
    std::int64_t delayMs(int attempt, double unit) const {
        double d = static_cast<double>(baseMs);
        for (int i = 1; i < attempt && d < static_cast<double>(capMs); ++i) d *= factor;
        if (d > static_cast<double>(capMs)) d = static_cast<double>(capMs);
        d *= 1.0 + jitter * (2.0 * unit - 1.0);
        if (d > static_cast<double>(capMs)) d = static_cast<double>(capMs);
        return d < 0 ? 0 : static_cast<std::int64_t>(d);
    }
    // After maxRetries failed retries the other transport is tried (and the outbox holds the messages meanwhile).
    bool exhausted(int failedAttempts) const { return failedAttempts > maxRetries; }
};

}  // namespace fajma
