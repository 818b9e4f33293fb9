#pragma once
#include "Arduino.h"

namespace fs {
class File {
public:
    explicit operator bool() const { return false; }
    size_t write(const uint8_t*, size_t n) { return n; }
    size_t size() const { return 0; }
    String readString() { return String(); }
    void close() {}
};
class LittleFSFS {
public:
    bool begin(bool = false, const char* = "/littlefs", uint8_t = 10, const char* = "spiffs") { return true; }
    File open(const char*, const char* = "r", bool = false) { return File(); }
    File open(const String&, const char* = "r", bool = false) { return File(); }
    bool exists(const char*) { return false; }
    bool exists(const String&) { return false; }
    bool remove(const char*) { return true; }
    bool remove(const String&) { return true; }
    bool rename(const char*, const char*) { return true; }
    bool rename(const String&, const String&) { return true; }
    bool mkdir(const char*) { return true; }
};
}  // namespace fs
using fs::File;
inline fs::LittleFSFS LittleFS;
