// A bounded store-and-forward queue over a slot store (flash on the ESP32, files on the host). Each message lives in
// one slot written at once with its sequence number, so the order and the contents survive a power cut without a
// separate index; a message leaves only when remove() is called, i.e. when the broker acknowledged it.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace fajma {

class SlotStore {
public:
    virtual ~SlotStore() = default;
    virtual std::size_t slots() const = 0;
    virtual bool read(std::size_t slot, std::string& out) = 0;  // false: empty
    virtual bool write(std::size_t slot, const std::string& data) = 0;  // atomic: the old or the new record, never half
    virtual bool erase(std::size_t slot) = 0;
};

struct OutboxMessage {
    std::uint64_t seq = 0;
    int qos = 1;
    std::string topic;
    std::string payload;
};

class Outbox {
public:
    explicit Outbox(SlotStore& store) : store_(store) {}

    // Reads what a previous run left; unreadable slots are cleared. Call once at start.
    void open();
    // Queues a message; when full, the oldest one is dropped (counted) so the newest vitals still get out.
    bool push(int qos, const std::string& topic, const std::string& payload);
    std::size_t size() const { return index_.size(); }
    std::size_t capacity() const { return store_.slots(); }
    std::uint64_t dropped() const { return dropped_; }
    // Sequence numbers in order, oldest first.
    std::vector<std::uint64_t> pending() const;
    bool get(std::uint64_t seq, OutboxMessage& out);
    bool remove(std::uint64_t seq);

    static std::string encode(const OutboxMessage& m);
    static bool decode(const std::string& record, OutboxMessage& out);

private:
    struct Entry { std::uint64_t seq; std::size_t slot; };
    SlotStore& store_;
    std::vector<Entry> index_;  // sorted by seq
    std::uint64_t nextSeq_ = 1;
    std::uint64_t dropped_ = 0;
    std::size_t freeSlot() const;
};

// An in-memory slot store, for tests (and for a board without flash to spare).
class MemorySlotStore : public SlotStore {
public:
    explicit MemorySlotStore(std::size_t slots) : data_(slots), used_(slots, false) {}
    std::size_t slots() const override { return data_.size(); }
    bool read(std::size_t slot, std::string& out) override { if (!used_[slot]) return false; out = data_[slot]; return true; }
    bool write(std::size_t slot, const std::string& data) override { data_[slot] = data; used_[slot] = true; return true; }
    bool erase(std::size_t slot) override { used_[slot] = false; data_[slot].clear(); return true; }
    std::vector<std::string> data_;
    std::vector<bool> used_;
};

}  // namespace fajma
