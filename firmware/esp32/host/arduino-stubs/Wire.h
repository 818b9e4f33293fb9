#pragma once
#include "Arduino.h"

class TwoWire {
public:
    bool begin(int = -1, int = -1, uint32_t = 0) { return true; }
};
inline TwoWire Wire;
