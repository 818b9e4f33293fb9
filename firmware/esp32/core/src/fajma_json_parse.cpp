// The strict JSON parser: commands and bundle files come from outside, so every byte is checked (fuzzed by
// firmware/esp32/fuzz/fuzz_canonical_json.cpp and fuzz_command.cpp).
#include <cmath>
#include <cstdlib>
#include <cstring>

#include "fajma_json.hpp"

namespace fajma {

namespace {

class Parser {
public:
    Parser(const char* data, std::size_t size, int maxDepth) : p_(data), begin_(data), end_(data + size), maxDepth_(maxDepth) {}

    ParseOutcome run() {
        ParseOutcome outcome;
        skipSpace();
        if (!value(outcome.value, 0)) { outcome.error = error_; return outcome; }
        skipSpace();
        if (p_ != end_) { fail("trailing bytes after the value"); outcome.error = error_; return outcome; }
        outcome.ok = true;
        return outcome;
    }

private:
    const char* p_;
    const char* begin_;
    const char* end_;
    int maxDepth_;
    std::string error_;

    bool fail(const char* what) {
        if (error_.empty()) error_ = "offset " + std::to_string(p_ - begin_) + ": " + what;
        return false;
    }
    void skipSpace() { while (p_ != end_ && (*p_ == ' ' || *p_ == '\t' || *p_ == '\n' || *p_ == '\r')) ++p_; }
    bool literal(const char* word) {
        auto n = std::strlen(word);
        if (static_cast<std::size_t>(end_ - p_) < n || std::memcmp(p_, word, n) != 0) return fail("unexpected token");
        p_ += n;
        return true;
    }

    bool value(Json& out, int depth) {
        if (depth > maxDepth_) return fail("nested too deep");
        if (p_ == end_) return fail("unexpected end");
        switch (*p_) {
            case '{': return object(out, depth + 1);
            case '[': return array(out, depth + 1);
            case '"': { std::string s; if (!string(s)) return false; out = Json::string(std::move(s)); return true; }
            case 't': if (!literal("true")) return false; out = Json::boolean(true); return true;
            case 'f': if (!literal("false")) return false; out = Json::boolean(false); return true;
            case 'n': if (!literal("null")) return false; out = Json::null(); return true;
            default: return number(out);
        }
    }

    bool object(Json& out, int depth) {
        if (depth > maxDepth_) return fail("nested too deep");
        out = Json::object();
        ++p_;
        skipSpace();
        if (p_ != end_ && *p_ == '}') { ++p_; return true; }
        for (;;) {
            skipSpace();
            if (p_ == end_ || *p_ != '"') return fail("expected a member name");
            std::string name;
            if (!string(name)) return false;
            if (out.find(name)) return fail("duplicate member");
            skipSpace();
            if (p_ == end_ || *p_ != ':') return fail("expected ':'");
            ++p_;
            skipSpace();
            Json item;
            if (!value(item, depth)) return false;
            out.set(name, std::move(item));
            skipSpace();
            if (p_ == end_) return fail("unexpected end in object");
            if (*p_ == ',') { ++p_; continue; }
            if (*p_ == '}') { ++p_; return true; }
            return fail("expected ',' or '}'");
        }
    }

    bool array(Json& out, int depth) {
        if (depth > maxDepth_) return fail("nested too deep");
        out = Json::array();
        ++p_;
        skipSpace();
        if (p_ != end_ && *p_ == ']') { ++p_; return true; }
        for (;;) {
            skipSpace();
            Json item;
            if (!value(item, depth)) return false;
            out.push(std::move(item));
            skipSpace();
            if (p_ == end_) return fail("unexpected end in array");
            if (*p_ == ',') { ++p_; continue; }
            if (*p_ == ']') { ++p_; return true; }
            return fail("expected ',' or ']'");
        }
    }

    bool hex4(unsigned& out) {
        if (end_ - p_ < 4) return fail("short \\u escape");
        out = 0;
        for (int i = 0; i < 4; ++i, ++p_) {
            char c = *p_;
            out <<= 4;
            if (c >= '0' && c <= '9') out |= static_cast<unsigned>(c - '0');
            else if (c >= 'a' && c <= 'f') out |= static_cast<unsigned>(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F') out |= static_cast<unsigned>(c - 'A' + 10);
            else return fail("bad \\u escape");
        }
        return true;
    }

    static void appendUtf8(std::string& s, unsigned cp) {
        if (cp < 0x80) s += static_cast<char>(cp);
        else if (cp < 0x800) { s += static_cast<char>(0xC0 | (cp >> 6)); s += static_cast<char>(0x80 | (cp & 0x3F)); }
        else if (cp < 0x10000) {
            s += static_cast<char>(0xE0 | (cp >> 12)); s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F)); s += static_cast<char>(0x80 | (cp & 0x3F));
        } else {
            s += static_cast<char>(0xF0 | (cp >> 18)); s += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
            s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F)); s += static_cast<char>(0x80 | (cp & 0x3F));
        }
    }

    // One UTF-8 sequence, checked (no overlongs, no surrogates), copied as is.
    bool utf8(std::string& s) {
        auto b = static_cast<unsigned char>(*p_);
        int extra = b >= 0xF0 && b <= 0xF4 ? 3 : b >= 0xE0 ? 2 : b >= 0xC2 && b <= 0xDF ? 1 : -1;
        if (extra < 0 || end_ - p_ <= extra) return fail("invalid UTF-8");
        unsigned cp = b & (0x3F >> extra);
        for (int i = 1; i <= extra; ++i) {
            auto c = static_cast<unsigned char>(p_[i]);
            if ((c & 0xC0) != 0x80) return fail("invalid UTF-8");
            cp = (cp << 6) | (c & 0x3F);
        }
        if ((extra == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) || (extra == 3 && (cp < 0x10000 || cp > 0x10FFFF)))
            return fail("invalid UTF-8");
        s.append(p_, static_cast<std::size_t>(extra + 1));
        p_ += extra + 1;
        return true;
    }

    bool string(std::string& s) {
        ++p_;
        for (;;) {
            if (p_ == end_) return fail("unterminated string");
            auto c = static_cast<unsigned char>(*p_);
            if (c == '"') { ++p_; return true; }
            if (c < 0x20) return fail("control character in string");
            if (c >= 0x80) { if (!utf8(s)) return false; continue; }
            if (c != '\\') { s += static_cast<char>(c); ++p_; continue; }
            if (++p_ == end_) return fail("unterminated escape");
            char e = *p_++;
            switch (e) {
                case '"': s += '"'; break;
                case '\\': s += '\\'; break;
                case '/': s += '/'; break;
                case 'b': s += '\b'; break;
                case 'f': s += '\f'; break;
                case 'n': s += '\n'; break;
                case 'r': s += '\r'; break;
                case 't': s += '\t'; break;
                case 'u': {
                    unsigned cp = 0;
                    if (!hex4(cp)) return false;
                    if (cp >= 0xDC00 && cp <= 0xDFFF) return fail("lone low surrogate");
                    if (cp >= 0xD800 && cp <= 0xDBFF) {
                        unsigned low = 0;
                        if (end_ - p_ < 2 || p_[0] != '\\' || p_[1] != 'u') return fail("lone high surrogate");
                        p_ += 2;
                        if (!hex4(low)) return false;
                        if (low < 0xDC00 || low > 0xDFFF) return fail("lone high surrogate");
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                    }
                    appendUtf8(s, cp);
                    break;
                }
                default: return fail("bad escape");
            }
        }
    }

    bool number(Json& out) {
        const char* start = p_;
        if (p_ != end_ && *p_ == '-') ++p_;
        if (p_ == end_) return fail("bad number");
        if (*p_ == '0') ++p_;
        else if (*p_ >= '1' && *p_ <= '9') while (p_ != end_ && *p_ >= '0' && *p_ <= '9') ++p_;
        else return fail("unexpected character");
        if (p_ != end_ && *p_ == '.') {
            ++p_;
            if (p_ == end_ || *p_ < '0' || *p_ > '9') return fail("bad fraction");
            while (p_ != end_ && *p_ >= '0' && *p_ <= '9') ++p_;
        }
        if (p_ != end_ && (*p_ == 'e' || *p_ == 'E')) {
            ++p_;
            if (p_ != end_ && (*p_ == '+' || *p_ == '-')) ++p_;
            if (p_ == end_ || *p_ < '0' || *p_ > '9') return fail("bad exponent");
            while (p_ != end_ && *p_ >= '0' && *p_ <= '9') ++p_;
        }
        std::string text(start, p_);
        double v = std::strtod(text.c_str(), nullptr);
        if (!std::isfinite(v)) return fail("number out of range");
        out = Json::number(v);
        return true;
    }
};

}  // namespace

ParseOutcome parseJson(const char* data, std::size_t size, int maxDepth) { return Parser(data, size, maxDepth).run(); }

}  // namespace fajma
