// libFuzzer: any accepted JSON canonicalizes, the canonical form parses back to itself (idempotent), the plain
// serialization parses too, and every number's canonical text reads back as the same double.
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <string>

#include "fajma_json.hpp"

namespace {
void checkNumbers(const fajma::Json& v) {
    if (v.kind() == fajma::Json::Kind::Number) {
        auto text = fajma::formatNumber(v.asNumber());
        if (std::strtod(text.c_str(), nullptr) != v.asNumber()) std::abort();
    }
    for (const auto& item : v.items()) checkNumbers(item);
    for (const auto& m : v.members()) checkNumbers(m.second);
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, size_t size) {
    auto parsed = fajma::parseJson(reinterpret_cast<const char*>(data), size, 16);
    if (!parsed.ok) {
        if (parsed.error.empty()) std::abort();
        return 0;
    }
    checkNumbers(parsed.value);
    std::string once;
    if (!fajma::canonicalize(parsed.value, once)) std::abort();  // the parser admits no NaN or infinity
    auto again = fajma::parseJson(once, 17);
    if (!again.ok || fajma::canonical(again.value) != once) std::abort();
    if (!fajma::parseJson(fajma::serialize(parsed.value), 17).ok) std::abort();
    // A raw double from the input bytes formats and reads back exactly.
    if (size >= 8) {
        double x;
        std::memcpy(&x, data, 8);
        if (std::isfinite(x) && std::strtod(fajma::formatNumber(x).c_str(), nullptr) != x) std::abort();
    }
    return 0;
}
