#include <gtest/gtest.h>

#include "fajma_outbox.hpp"
#include "fajma_retry.hpp"

using namespace fajma;

TEST(Outbox, MessagesLeaveOnlyWhenRemovedAndSurviveARestartInOrder) {
    MemorySlotStore flash(8);
    {
        Outbox box(flash);
        box.open();
        for (int i = 1; i <= 5; ++i) ASSERT_TRUE(box.push(1, "fajma/sensors/d", "{\"n\":" + std::to_string(i) + "}"));
        auto pending = box.pending();
        ASSERT_EQ(pending.size(), 5u);
        EXPECT_TRUE(box.remove(pending[1]));
    }
    Outbox again(flash);  // a reboot: only the flash remains
    again.open();
    auto pending = again.pending();
    ASSERT_EQ(pending.size(), 4u);
    std::vector<std::string> payloads;
    for (auto seq : pending) {
        OutboxMessage m;
        ASSERT_TRUE(again.get(seq, m));
        payloads.push_back(m.payload);
        EXPECT_EQ(m.topic, "fajma/sensors/d");
    }
    EXPECT_EQ(payloads, (std::vector<std::string>{"{\"n\":1}", "{\"n\":3}", "{\"n\":4}", "{\"n\":5}"}));
    ASSERT_TRUE(again.push(2, "fajma/sensors/d/alerts", "{\"n\":6}"));
    EXPECT_GT(again.pending().back(), pending.back());  // sequence numbers go on after a restart
}

TEST(Outbox, WhenFullTheOldestIsDroppedAndCounted) {
    MemorySlotStore flash(3);
    Outbox box(flash);
    box.open();
    for (int i = 1; i <= 5; ++i) box.push(1, "t", std::to_string(i));
    EXPECT_EQ(box.size(), 3u);
    EXPECT_EQ(box.dropped(), 2u);
    OutboxMessage m;
    ASSERT_TRUE(box.get(box.pending().front(), m));
    EXPECT_EQ(m.payload, "3");
}

TEST(Outbox, ACorruptSlotIsClearedAtOpen) {
    MemorySlotStore flash(4);
    flash.write(0, "garbage");
    flash.write(1, Outbox::encode({7, 1, "t", "x"}));
    flash.write(2, "F1 8 5 t\nbad qos");
    Outbox box(flash);
    box.open();
    EXPECT_EQ(box.pending(), std::vector<std::uint64_t>{7});
    EXPECT_FALSE(flash.used_[0]);
    EXPECT_FALSE(flash.used_[2]);
}

TEST(RetryPolicy, TheSeedsPolicyDoublesFromOneSecondUpToThirtyWithJitter) {
    RetryPolicy policy;
    EXPECT_EQ(policy.delayMs(1, 0.5), 1000);
    EXPECT_EQ(policy.delayMs(2, 0.5), 2000);
    EXPECT_EQ(policy.delayMs(3, 0.5), 4000);
    EXPECT_EQ(policy.delayMs(6, 0.5), 30000);
    EXPECT_EQ(policy.delayMs(60, 0.5), 30000);
    EXPECT_EQ(policy.delayMs(1, 0.0), 800);
    EXPECT_EQ(policy.delayMs(1, 0.999999), 1199);
    EXPECT_EQ(policy.delayMs(6, 0.999), 30000);  // the cap holds with jitter too
    EXPECT_FALSE(policy.exhausted(3));
    EXPECT_TRUE(policy.exhausted(4));
}
