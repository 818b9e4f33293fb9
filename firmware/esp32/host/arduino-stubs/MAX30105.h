// SparkFun MAX3010x Pulse and Proximity Sensor Library 1.1.2 (drives the MAX30102 too): the calls the sketch makes.
#pragma once
#include "Wire.h"

#define I2C_SPEED_FAST 400000

class MAX30105 {
public:
    bool begin(TwoWire&, uint32_t = 100000, uint8_t = 0x57) { return false; }
    void setup(byte = 0x1F, byte = 4, byte = 3, int = 400, int = 411, int = 4096) {}
    uint16_t check() { return 0; }
    uint8_t available() { return 0; }
    uint32_t getFIFORed() { return 0; }
    uint32_t getFIFOIR() { return 0; }
    void nextSample() {}
    void shutDown() {}
    void wakeUp() {}
};
