#pragma once
#include "WiFiClientSecure.h"

class HTTPClient {
public:
    bool begin(WiFiClientSecure&, const String&) { return true; }
    void addHeader(const String&, const String&) {}
    void collectHeaders(const char* [], const size_t) {}
    String header(const char*) { return String(""); }
    void setTimeout(uint16_t) {}
    int POST(uint8_t*, size_t) { return -1; }
    int POST(const String&) { return -1; }
    void end() {}
};
