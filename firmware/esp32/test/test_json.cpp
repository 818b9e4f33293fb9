#include <gtest/gtest.h>

#include "fajma_json.hpp"

using namespace fajma;

TEST(CanonicalJson, NumbersAreWrittenAsECMAScriptDoes) {
    EXPECT_EQ(formatNumber(72), "72");
    EXPECT_EQ(formatNumber(36.6), "36.6");
    EXPECT_EQ(formatNumber(-0.0), "0");
    EXPECT_EQ(formatNumber(1e21), "1e+21");
    EXPECT_EQ(formatNumber(1e20), "100000000000000000000");
    EXPECT_EQ(formatNumber(0.000001), "0.000001");
    EXPECT_EQ(formatNumber(1e-7), "1e-7");
    EXPECT_EQ(formatNumber(0.1 + 0.2), "0.30000000000000004");
    EXPECT_EQ(formatNumber(5e-324), "5e-324");
    EXPECT_EQ(formatNumber(1.7976931348623157e308), "1.7976931348623157e+308");
    EXPECT_EQ(formatNumber(-1.5e-9), "-1.5e-9");
    EXPECT_EQ(formatNumber(123456789012345680000.0), "123456789012345680000");
    EXPECT_EQ(formatNumber(1.0 / 3), "0.3333333333333333");
    EXPECT_EQ(formatNumber(9007199254740993.0), "9007199254740992");
}

TEST(CanonicalJson, NaNAndInfinityHaveNoCanonicalForm) {
    std::string out;
    EXPECT_FALSE(canonicalize(Json::number(std::numeric_limits<double>::infinity()), out));
    EXPECT_EQ(formatNumber(std::numeric_limits<double>::quiet_NaN()), "");
}

TEST(CanonicalJson, MembersAreSortedByUtf16CodeUnitsAndWhitespaceDropped) {
    auto parsed = parseJson("{ \"b\" : [1, 2.50, {\"z\":null, \"a\":true}], \"a\":\"x\", \"\xEF\xBC\xA1\":1, \"\xF0\x9F\x98\x80\":2 }");
    ASSERT_TRUE(parsed.ok) << parsed.error;
    // U+1F600 is D83D DE00 in UTF-16, before U+FF21: the order differs from code point order.
    EXPECT_EQ(canonical(parsed.value), "{\"a\":\"x\",\"b\":[1,2.5,{\"a\":true,\"z\":null}],\"\xF0\x9F\x98\x80\":2,\"\xEF\xBC\xA1\":1}");
}

TEST(CanonicalJson, StringsGetMinimalEscapes) {
    auto parsed = parseJson("\"\\u0041\\/\\n\\u001f\\u00e9\\\"\\\\\\ud83d\\ude00\"");
    ASSERT_TRUE(parsed.ok) << parsed.error;
    EXPECT_EQ(canonical(parsed.value), "\"A/\\n\\u001f\xC3\xA9\\\"\\\\\xF0\x9F\x98\x80\"");
}

TEST(CanonicalJson, TheSignatureMemberIsLeftOutAtTheTopOnly) {
    auto parsed = parseJson("{\"signature\":\"s\",\"p\":{\"signature\":1}}");
    ASSERT_TRUE(parsed.ok);
    EXPECT_EQ(canonical(parsed.value, "signature"), "{\"p\":{\"signature\":1}}");
}

TEST(JsonParser, RefusesWhatIsNotStrictJson) {
    for (const char* bad : {"", "{", "[1,]", "{\"a\":1,}", "01", "1.", ".5", "+1", "NaN", "\"\\x\"", "\"\\ud800\"", "\"\\udc00x\"",
                            "{\"a\":1,\"a\":2}", "1 2", "\"\x01\"", "\"\xC0\xAF\"", "\"\xED\xA0\x80\"", "1e999", "tru", "[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]"}) {
        EXPECT_FALSE(parseJson(bad).ok) << bad;
    }
    EXPECT_TRUE(parseJson(" {\"a\" : [ -0.5e-3 , true , null ] } ").ok);
}
