#include "fajma_outbox.hpp"

#include <algorithm>
#include <cstdlib>

namespace fajma {

// "F1 <seq> <qos> <topic>\n<payload>": the topic holds no spaces or newlines (device ids cannot), the payload is kept as is.
std::string Outbox::encode(const OutboxMessage& m) {
    return "F1 " + std::to_string(m.seq) + " " + std::to_string(m.qos) + " " + m.topic + "\n" + m.payload;
}

bool Outbox::decode(const std::string& record, OutboxMessage& out) {
    auto newline = record.find('\n');
    if (record.compare(0, 3, "F1 ") != 0 || newline == std::string::npos) return false;
    std::string head = record.substr(3, newline - 3);
    auto a = head.find(' ');
    auto b = a == std::string::npos ? a : head.find(' ', a + 1);
    if (b == std::string::npos || b + 1 >= head.size()) return false;
    char* end = nullptr;
    out.seq = std::strtoull(head.c_str(), &end, 10);
    if (end != head.c_str() + a || out.seq == 0) return false;
    std::string qos = head.substr(a + 1, b - a - 1);
    if (qos != "0" && qos != "1" && qos != "2") return false;
    out.qos = qos[0] - '0';
    out.topic = head.substr(b + 1);
    out.payload = record.substr(newline + 1);
    return !out.payload.empty();
}

void Outbox::open() {
    index_.clear();
    std::string record;
    for (std::size_t slot = 0; slot < store_.slots(); ++slot) {
        if (!store_.read(slot, record)) continue;
        OutboxMessage m;
        if (!decode(record, m)) { store_.erase(slot); continue; }
        index_.push_back({m.seq, slot});
    }
    std::sort(index_.begin(), index_.end(), [](const Entry& a, const Entry& b) { return a.seq < b.seq; });
    nextSeq_ = index_.empty() ? nextSeq_ : index_.back().seq + 1;
}

std::size_t Outbox::freeSlot() const {
    std::vector<bool> used(store_.slots(), false);
    for (const auto& e : index_) used[e.slot] = true;
    for (std::size_t i = 0; i < used.size(); ++i)
        if (!used[i]) return i;
    return used.size();
}

bool Outbox::push(int qos, const std::string& topic, const std::string& payload) {
    if (store_.slots() == 0) return false;
    if (index_.size() >= store_.slots()) {
        store_.erase(index_.front().slot);
        index_.erase(index_.begin());
        ++dropped_;
    }
    OutboxMessage m{nextSeq_, qos, topic, payload};
    auto slot = freeSlot();
    if (!store_.write(slot, encode(m))) return false;
    index_.push_back({nextSeq_++, slot});
    return true;
}

std::vector<std::uint64_t> Outbox::pending() const {
    std::vector<std::uint64_t> out;
    out.reserve(index_.size());
    for (const auto& e : index_) out.push_back(e.seq);
    return out;
}

bool Outbox::get(std::uint64_t seq, OutboxMessage& out) {
    for (const auto& e : index_) {
        if (e.seq != seq) continue;
        std::string record;
        return store_.read(e.slot, record) && decode(record, out);
    }
    return false;
}

bool Outbox::remove(std::uint64_t seq) {
    for (auto it = index_.begin(); it != index_.end(); ++it) {
        if (it->seq != seq) continue;
        store_.erase(it->slot);
        index_.erase(it);
        return true;
    }
    return false;
}

}  // namespace fajma
