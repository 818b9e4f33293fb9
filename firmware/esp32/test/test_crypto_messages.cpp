#include <gtest/gtest.h>

#include "fajma_crypto.hpp"
#include "fajma_messages.hpp"

using namespace fajma;

TEST(Crypto, HmacSha256MatchesRfc4231TestCase2) {
    Bytes key{'J', 'e', 'f', 'e'};
    EXPECT_EQ(hexLower(hmacSha256(key, "what do ya want for nothing?")), "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(Crypto, Sha256OfAbcIsTheFips180Value) {
    EXPECT_EQ(hexLower(sha256("abc")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Crypto, Base64UrlHasNoPaddingAndRoundTrips) {
    Bytes data{0xfb, 0xff, 0xfe};
    EXPECT_EQ(base64Url(data), "-__-");
    Bytes back;
    ASSERT_TRUE(base64UrlDecode("-__-", back));
    EXPECT_EQ(back, data);
    ASSERT_TRUE(base64UrlDecode("YQ", back));
    EXPECT_EQ(back, (Bytes{'a'}));
    EXPECT_FALSE(base64UrlDecode("a+b=", back));
}

TEST(Messages, IsoTimeIsWrittenAsDotNetWritesAUtcDateTimeOffset) {
    EXPECT_EQ(isoTime(0), "1970-01-01T00:00:00+00:00");
    EXPECT_EQ(isoTime(1705312200000), "2024-01-15T09:50:00+00:00");
    EXPECT_EQ(isoTime(1705312200120), "2024-01-15T09:50:00.12+00:00");
    EXPECT_EQ(isoTime(951782400001), "2000-02-29T00:00:00.001+00:00");
    EXPECT_EQ(isoTime(4102444799999), "2099-12-31T23:59:59.999+00:00");
}

TEST(Messages, AStandardMessageCarriesTheChecksumOfItsPayloadAndASignatureOverEverythingElse) {
    Identity id{"ESP32-TEST", "", Bytes{1, 2, 3}};
    Reading r;
    r.heartRate = 72;
    r.temperature = 36.6;
    auto built = buildStandard(id, "m-1", 1705312200000, r);
    auto payload = canonical(*built.message.find("payload"));
    EXPECT_EQ(payload, "{\"measurements\":[{\"type\":\"heart_rate\",\"unit\":\"bpm\",\"value\":72},{\"type\":\"temperature\",\"unit\":\"\xC2\xB0" "C\",\"value\":36.6}]}");
    EXPECT_EQ(built.checksum, checksumOf(payload));
    EXPECT_EQ(built.signature, signMessage(id.secret, canonical(built.message, "signature")));
    EXPECT_EQ(built.message.find("header")->find("message_type")->asString(), "VITAL_SIGNS");
    auto reparsed = parseJson(built.text);
    ASSERT_TRUE(reparsed.ok);
    EXPECT_EQ(canonical(reparsed.value), canonical(built.message));
}

TEST(Messages, AnUnsignedMessageHasNoSignatureMember) {
    auto built = buildFlat(Identity{"d", "", {}}, 5000, Reading{});
    EXPECT_EQ(built.text, "{\"device_id\":\"d\",\"timestamp\":5000}");
}

TEST(Messages, UuidsAreVersion4AndValidMessageIds) {
    std::uint8_t bytes[16];
    for (int i = 0; i < 16; ++i) bytes[i] = static_cast<std::uint8_t>(0xF0 + i);
    auto id = uuidV4(bytes);
    EXPECT_EQ(id, "f0f1f2f3-f4f5-46f7-b8f9-fafbfcfdfeff");
    EXPECT_TRUE(isValidMessageId(id));
    EXPECT_FALSE(isValidMessageId("has space"));
    EXPECT_FALSE(isValidMessageId(std::string(129, 'a')));
    EXPECT_TRUE(isValidDeviceId(std::string(64, 'a')));
    EXPECT_FALSE(isValidDeviceId(std::string(65, 'a')));
}
