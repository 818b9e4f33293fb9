#include "fajma_ds18b20.hpp"

namespace fajma {

std::uint8_t dallasCrc8(const std::uint8_t* data, int length) {
    std::uint8_t crc = 0;
    for (int i = 0; i < length; ++i) {
        std::uint8_t byte = data[i];
        for (int bit = 0; bit < 8; ++bit) {
            bool mix = (crc ^ byte) & 1;
            crc >>= 1;
            if (mix) crc ^= 0x8C;  // x^8 + x^5 + x^4 + 1, reflected
            byte >>= 1;
        }
    }
    return crc;
}

double ds18b20Celsius(std::uint8_t lsb, std::uint8_t msb, int resolutionBits) {
    auto raw = static_cast<std::int16_t>(static_cast<std::uint16_t>((msb << 8) | lsb));
    if (resolutionBits < 12 && resolutionBits >= 9) raw = static_cast<std::int16_t>(raw & ~((1 << (12 - resolutionBits)) - 1));
    return raw / 16.0;
}

Ds18b20Status ds18b20Read(const std::uint8_t s[9], double& celsius) {
    bool ones = true;
    for (int i = 0; i < 9; ++i) ones = ones && s[i] == 0xFF;
    if (ones) return Ds18b20Status::AllOnes;
    if (dallasCrc8(s, 8) != s[8]) return Ds18b20Status::BadCrc;
    if (s[0] == 0x50 && s[1] == 0x05) return Ds18b20Status::PowerOnValue;
    int resolution = 9 + ((s[4] >> 5) & 3);
    celsius = ds18b20Celsius(s[0], s[1], resolution);
    return Ds18b20Status::Ok;
}

}  // namespace fajma
