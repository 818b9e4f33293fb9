#include "fajma_crypto.hpp"

#include <mbedtls/base64.h>
#include <mbedtls/md.h>

namespace fajma {

Bytes sha256(const std::string& data) {
    Bytes out(32);
    mbedtls_md(mbedtls_md_info_from_type(MBEDTLS_MD_SHA256), reinterpret_cast<const unsigned char*>(data.data()), data.size(), out.data());
    return out;
}

Bytes hmacSha256(const Bytes& key, const std::string& data) {
    Bytes out(32);
    mbedtls_md_hmac(mbedtls_md_info_from_type(MBEDTLS_MD_SHA256), key.data(), key.size(),
                    reinterpret_cast<const unsigned char*>(data.data()), data.size(), out.data());
    return out;
}

std::string hexLower(const Bytes& bytes) {
    static const char* hex = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (auto b : bytes) { out += hex[b >> 4]; out += hex[b & 15]; }
    return out;
}

std::string base64Url(const Bytes& bytes) {
    std::size_t written = 0;
    std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
    if (mbedtls_base64_encode(reinterpret_cast<unsigned char*>(&out[0]), out.size(), &written, bytes.data(), bytes.size()) != 0) return "";
    out.resize(written);
    while (!out.empty() && out.back() == '=') out.pop_back();
    for (auto& c : out) c = c == '+' ? '-' : c == '/' ? '_' : c;
    return out;
}

bool base64UrlDecode(const std::string& text, Bytes& out) {
    std::string b64 = text;
    for (auto& c : b64) {
        if (c == '-') c = '+';
        else if (c == '_') c = '/';
        else if (c == '+' || c == '/' || c == '=') return false;
    }
    while (b64.size() % 4) b64 += '=';
    std::size_t written = 0;
    out.assign(b64.size() / 4 * 3 + 3, 0);
    if (mbedtls_base64_decode(out.data(), out.size(), &written, reinterpret_cast<const unsigned char*>(b64.data()), b64.size()) != 0) return false;
    out.resize(written);
    return !out.empty();
}

std::string signMessage(const Bytes& secret, const std::string& signedBytes) {
    return "hmac-sha256:" + base64Url(hmacSha256(secret, signedBytes));
}

std::string checksumOf(const std::string& canonicalPayload) { return "sha256:" + hexLower(sha256(canonicalPayload)); }

}  // namespace fajma
