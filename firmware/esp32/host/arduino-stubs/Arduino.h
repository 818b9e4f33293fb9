// Stand-in for the Arduino-ESP32 core (2.0.x), only what fajma_monitor.ino uses, with the same signatures, so the
// sketch is compiled on every host build and cannot rot. Nothing here runs on a board; bodies are inert.
#pragma once
#include <cstdarg>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <sys/time.h>
#include <time.h>

typedef uint8_t byte;

class String {
public:
    String() = default;
    String(const char* s) : s_(s ? s : "") {}  // NOLINT: Arduino's String converts implicitly
    String(int v) : s_(std::to_string(v)) {}                // NOLINT
    String(unsigned int v) : s_(std::to_string(v)) {}       // NOLINT
    String(unsigned long v) : s_(std::to_string(v)) {}      // NOLINT
    const char* c_str() const { return s_.c_str(); }
    unsigned int length() const { return static_cast<unsigned int>(s_.size()); }
    long toInt() const { return std::strtol(s_.c_str(), nullptr, 10); }  // Arduino's: 0 when it is not a number
    String& operator+=(const String& o) { s_ += o.s_; return *this; }
    friend String operator+(String a, const String& b) { a += b; return a; }
    bool operator==(const char* o) const { return s_ == o; }
private:
    std::string s_;
};

inline unsigned long millis() { return 0; }
inline void delay(unsigned long) {}
inline void yield() {}

class HardwareSerial {
public:
    void begin(unsigned long) {}
    size_t println(const char* s) { return std::strlen(s); }
    size_t println(const String& s) { return s.length(); }
    size_t printf(const char* format, ...) __attribute__((format(printf, 2, 3))) {
        va_list args;
        va_start(args, format);
        char buf[8];
        int n = std::vsnprintf(buf, sizeof buf, format, args);
        va_end(args);
        return n < 0 ? 0 : static_cast<size_t>(n);
    }
};
extern HardwareSerial Serial;
inline HardwareSerial Serial;

class EspClass {
public:
    void restart() {}
    uint32_t getFreeHeap() { return 0; }
};
inline EspClass ESP;

extern "C" inline uint32_t esp_random() { return 4; }  // chosen by fair dice roll: a stand-in only
inline void configTime(long, int, const char*, const char* = nullptr, const char* = nullptr) {}
