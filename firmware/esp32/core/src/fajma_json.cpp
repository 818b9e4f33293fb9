#include "fajma_json.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace fajma {

Json& Json::set(const std::string& name, Json value) {
    for (auto& m : members_)
        if (m.first == name) { m.second = std::move(value); return m.second; }
    members_.emplace_back(name, std::move(value));
    return members_.back().second;
}

const Json* Json::find(const std::string& name) const {
    for (const auto& m : members_)
        if (m.first == name) return &m.second;
    return nullptr;
}

void Json::remove(const std::string& name) {
    members_.erase(std::remove_if(members_.begin(), members_.end(), [&](const Member& m) { return m.first == name; }), members_.end());
}

namespace {

// UTF-16 code units of a UTF-8 string, for RFC 8785's member order.
std::u16string utf16(const std::string& s) {
    std::u16string out;
    for (std::size_t i = 0; i < s.size();) {
        auto b = static_cast<unsigned char>(s[i]);
        unsigned cp;
        int extra = b < 0x80 ? 0 : b >= 0xF0 ? 3 : b >= 0xE0 ? 2 : 1;
        cp = extra == 0 ? b : b & (0x3F >> extra);
        for (int k = 1; k <= extra && i + static_cast<std::size_t>(k) < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        i += static_cast<std::size_t>(extra + 1);
        if (cp >= 0x10000) {
            cp -= 0x10000;
            out += static_cast<char16_t>(0xD800 + (cp >> 10));
            out += static_cast<char16_t>(0xDC00 + (cp & 0x3FF));
        } else {
            out += static_cast<char16_t>(cp);
        }
    }
    return out;
}

void writeString(std::string& out, const std::string& s) {
    static const char* hex = "0123456789abcdef";
    out += '"';
    for (char ch : s) {
        auto c = static_cast<unsigned char>(ch);
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (c < 0x20) { out += "\\u00"; out += hex[c >> 4]; out += hex[c & 15]; }
                else out += static_cast<char>(c);
        }
    }
    out += '"';
}

bool write(std::string& out, const Json& v, const char* withoutMember, bool sorted) {
    switch (v.kind()) {
        case Json::Kind::Null: out += "null"; return true;
        case Json::Kind::Bool: out += v.asBool() ? "true" : "false"; return true;
        case Json::Kind::Number: {
            auto text = formatNumber(v.asNumber());
            if (text.empty()) return false;
            out += text;
            return true;
        }
        case Json::Kind::String: writeString(out, v.asString()); return true;
        case Json::Kind::Array: {
            out += '[';
            bool first = true;
            for (const auto& item : v.items()) {
                if (!first) out += ',';
                first = false;
                if (!write(out, item, nullptr, sorted)) return false;
            }
            out += ']';
            return true;
        }
        case Json::Kind::Object: {
            std::vector<const Json::Member*> members;
            for (const auto& m : v.members())
                if (!withoutMember || m.first != withoutMember) members.push_back(&m);
            if (sorted)
                std::sort(members.begin(), members.end(), [](const Json::Member* a, const Json::Member* b) { return utf16(a->first) < utf16(b->first); });
            out += '{';
            bool first = true;
            for (const auto* m : members) {
                if (!first) out += ',';
                first = false;
                writeString(out, m->first);
                out += ':';
                if (!write(out, m->second, nullptr, sorted)) return false;
            }
            out += '}';
            return true;
        }
    }
    return false;
}

}  // namespace

bool canonicalize(const Json& value, std::string& out, const char* withoutMember) {
    out.clear();
    return write(out, value, withoutMember, true);
}

std::string canonical(const Json& value, const char* withoutMember) {
    std::string out;
    return canonicalize(value, out, withoutMember) ? out : std::string();
}

std::string serialize(const Json& value) {
    std::string out;
    return write(out, value, nullptr, false) ? out : std::string();
}

std::string formatNumber(double value) {
    if (!std::isfinite(value)) return "";
    if (value == 0) return "0";  // -0 too
    // Shortest digits that read back as the same double (printf rounds correctly, so the first hit is the nearest).
    char buf[40];
    for (int precision = 0; precision < 17; ++precision) {
        std::snprintf(buf, sizeof buf, "%.*e", precision, value);
        if (std::strtod(buf, nullptr) == value) break;
    }
    // buf: [-]d[.ddd]e±XX → digits and decimal exponent n (value = 0.digits × 10^n).
    std::string text(buf);
    bool negative = text[0] == '-';
    if (negative) text.erase(0, 1);
    auto e = text.find('e');
    std::string digits;
    for (std::size_t i = 0; i < e; ++i)
        if (text[i] != '.') digits += text[i];
    while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
    int n = std::atoi(text.c_str() + e + 1) + 1;
    int k = static_cast<int>(digits.size());
    std::string out = negative ? "-" : "";
    if (k <= n && n <= 21) {
        out += digits;
        out.append(static_cast<std::size_t>(n - k), '0');
    } else if (0 < n && n <= 21) {
        out += digits.substr(0, static_cast<std::size_t>(n));
        out += '.';
        out += digits.substr(static_cast<std::size_t>(n));
    } else if (-6 < n && n <= 0) {
        out += "0.";
        out.append(static_cast<std::size_t>(-n), '0');
        out += digits;
    } else {
        int exponent = n - 1;
        out += digits[0];
        if (k > 1) { out += '.'; out += digits.substr(1); }
        out += 'e';
        out += exponent >= 0 ? '+' : '-';
        out += std::to_string(exponent >= 0 ? exponent : -exponent);
    }
    return out;
}

}  // namespace fajma
