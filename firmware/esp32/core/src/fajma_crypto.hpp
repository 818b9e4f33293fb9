// Signature and checksum exactly as the server checks them (src/Fajma.Core/Messages/MessageSignature.cs,
// PayloadChecksum.cs), through mbedTLS's md API, which is the same in mbedTLS 2.28 (Debian) and 3.x (ESP-IDF 5).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace fajma {

using Bytes = std::vector<std::uint8_t>;

Bytes sha256(const std::string& data);
Bytes hmacSha256(const Bytes& key, const std::string& data);
std::string hexLower(const Bytes& bytes);
std::string base64Url(const Bytes& bytes);            // no padding
bool base64UrlDecode(const std::string& text, Bytes& out);  // the device secret as device.json writes it

// "hmac-sha256:" + base64url(HMAC-SHA256(secret, signedBytes))
std::string signMessage(const Bytes& secret, const std::string& signedBytes);
// "sha256:" + lowercase hex SHA-256 of the canonical payload
std::string checksumOf(const std::string& canonicalPayload);

}  // namespace fajma
