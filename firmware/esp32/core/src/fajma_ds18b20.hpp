// DS18B20 scratchpad → °C, per the Maxim datasheet (19-7487): 16-bit two's complement in 1/16 °C, bytes 0 (LSB) and
// 1 (MSB), resolution in byte 4 bits 5–6 (undefined low bits at 9–11 bits), byte 8 the Dallas/Maxim CRC-8.
#pragma once
#include <cstdint>

namespace fajma {

std::uint8_t dallasCrc8(const std::uint8_t* data, int length);

// Raw LSB/MSB → °C at `resolutionBits` (9–12): the bits the sensor leaves undefined are masked.
double ds18b20Celsius(std::uint8_t lsb, std::uint8_t msb, int resolutionBits = 12);

enum class Ds18b20Status { Ok, BadCrc, PowerOnValue, AllOnes };

// A 9-byte scratchpad: CRC checked, the 85 °C power-on value (no conversion happened) and an absent bus (all 0xFF) refused.
Ds18b20Status ds18b20Read(const std::uint8_t scratchpad[9], double& celsius);

}  // namespace fajma
