// Paul Stoffregen's OneWire 2.3.8: the constructor the sketch uses.
#pragma once
#include "Arduino.h"

class OneWire {
public:
    explicit OneWire(uint8_t) {}
};
