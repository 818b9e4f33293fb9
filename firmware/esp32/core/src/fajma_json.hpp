// A small JSON value, a strict parser (commands come from the network) and the RFC 8785 canonical form
// the server signs and checks (src/Fajma.Core/Messages/CanonicalJson.cs).
#pragma once
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace fajma {

class Json {
public:
    enum class Kind { Null, Bool, Number, String, Array, Object };
    using Member = std::pair<std::string, Json>;

    Json() = default;
    static Json null() { return Json(); }
    static Json boolean(bool v) { Json j; j.kind_ = Kind::Bool; j.bool_ = v; return j; }
    static Json number(double v) { Json j; j.kind_ = Kind::Number; j.number_ = v; return j; }
    static Json string(std::string v) { Json j; j.kind_ = Kind::String; j.string_ = std::move(v); return j; }
    static Json array() { Json j; j.kind_ = Kind::Array; return j; }
    static Json object() { Json j; j.kind_ = Kind::Object; return j; }

    Kind kind() const { return kind_; }
    bool isNull() const { return kind_ == Kind::Null; }
    bool asBool() const { return bool_; }
    double asNumber() const { return number_; }
    const std::string& asString() const { return string_; }
    const std::vector<Json>& items() const { return items_; }
    const std::vector<Member>& members() const { return members_; }

    // Objects keep insertion order; set() replaces a member of the same name.
    Json& set(const std::string& name, Json value);
    Json& push(Json value) { items_.push_back(std::move(value)); return items_.back(); }
    const Json* find(const std::string& name) const;
    void remove(const std::string& name);

private:
    Kind kind_ = Kind::Null;
    bool bool_ = false;
    double number_ = 0;
    std::string string_;
    std::vector<Json> items_;
    std::vector<Member> members_;
};

struct ParseOutcome {
    bool ok = false;
    Json value;
    std::string error;  // "offset N: what" when !ok
};

// Strict RFC 8259: one value, no trailing bytes, no duplicate members, no lone surrogates, depth <= maxDepth.
ParseOutcome parseJson(const char* data, std::size_t size, int maxDepth = 16);
inline ParseOutcome parseJson(const std::string& text, int maxDepth = 16) { return parseJson(text.data(), text.size(), maxDepth); }

// RFC 8785: members sorted by UTF-16 code units, minimal escapes, ECMAScript numbers. withoutMember drops
// one top-level member (the signature, which cannot sign itself). Returns false for NaN or infinity.
bool canonicalize(const Json& value, std::string& out, const char* withoutMember = nullptr);
std::string canonical(const Json& value, const char* withoutMember = nullptr);

// ECMAScript Number::toString (shortest round-trip digits; exponent below 1e-6 and from 1e21); "" if not finite.
std::string formatNumber(double value);

// Plain (non-canonical) serialization in insertion order, as sent on the wire.
std::string serialize(const Json& value);

}  // namespace fajma
