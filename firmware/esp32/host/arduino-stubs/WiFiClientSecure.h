#pragma once
#include "WiFi.h"

class WiFiClientSecure {
public:
    void setCACert(const char*) {}
    void setCertificate(const char*) {}
    void setPrivateKey(const char*) {}
    void setTimeout(uint16_t) {}
};
