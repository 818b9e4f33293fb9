// libFuzzer: whatever bytes arrive on …/commands, parseCommand returns a result (never crashes, leaks or reads out of
// bounds), a refusal names why, an accepted command is well-formed, and the answer is valid JSON.
#include <cstdlib>
#include <string>

#include "fajma_commands.hpp"
#include "fajma_json.hpp"

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, size_t size) {
    auto result = fajma::parseCommand(reinterpret_cast<const char*>(data), size);
    if (result.ok) {
        if (!fajma::isGuid(result.command.correlationId)) std::abort();
        if (result.command.kind == fajma::CommandKind::SetSamplingRate && result.command.rateFactor == 0 &&
            (result.command.intervalMs < fajma::kMinIntervalMs || result.command.intervalMs > fajma::kMaxIntervalMs))
            std::abort();
    } else if (result.error.empty()) {
        std::abort();
    }
    if (!result.command.correlationId.empty()) {
        auto ack = fajma::commandAck(result.command.correlationId, result.ok, result.error);
        if (!fajma::parseJson(ack).ok) std::abort();
    }
    return 0;
}
