#include <vtrguard/carriers/normalize.hpp>

#include <doctest/doctest.h>

#include <string>

using namespace vtrguard::carriers;

TEST_CASE("normalize: trims, drops spaces and dashes, upper-cases") {
    CHECK(normalize("  1z 5r89-3903 5756 7127\r\n").text() == "1Z5R89390357567127");
    CHECK(normalize("\t9400 1112 0108 0805 4830 16 ").text() == "9400111201080805483016");
    CHECK(normalize("").full_length == 0);
    CHECK(normalize(" - ").full_length == 0);
}

TEST_CASE("normalize: folds what Chinese and Japanese input methods type") {
    SUBCASE("full-width digits and letters") {
        CHECK(normalize("\xEF\xBC\xB9\xEF\xBC\xB4\xEF\xBC\x91\xEF\xBC\x92").text() == "YT12");
        CHECK(normalize("\xEF\xBD\x99\xEF\xBD\x94").text() == "YT"); // full-width lower case
    }
    SUBCASE("ideographic and no-break spaces, zero-width characters, Unicode dashes") {
        CHECK(normalize("YT\xE3\x80\x80"
                        "12")
                  .text()
              == "YT12"); // U+3000
        CHECK(normalize("YT\xC2\xA0"
                        "12")
                  .text()
              == "YT12"); // U+00A0
        CHECK(normalize("\xEF\xBB\xBFYT\xE2\x80\x8B"
                        "12")
                  .text()
              == "YT12"); // BOM, U+200B
        CHECK(normalize("YT\xE2\x80\x93"
                        "12\xEF\xBC\x8D"
                        "3")
                  .text()
              == "YT123"); // en dash, U+FF0D
    }
}

TEST_CASE("normalize: flags what has no unambiguous reading") {
    SUBCASE("punctuation") {
        const auto result = normalize("1Z#5");
        CHECK(result.has_bad_char);
        CHECK(result.first_bad_at == 3);
        CHECK_FALSE(result.is_invalid_utf8);
    }
    SUBCASE("a non-Latin letter") {
        const auto result = normalize("YT\xE4\xB8\xAD"
                                      "1"); // 中
        CHECK(result.has_bad_char);
        CHECK(result.full_length == 4);
    }
    SUBCASE("invalid UTF-8: a lone continuation byte, a truncated sequence, an overlong form") {
        for (const std::string& bad : {std::string("1Z\x80"
                                                   "5"),
                                       std::string("1Z\xE3\x80"),
                                       std::string("1Z\xC0\xAF"),
                                       std::string("1Z\xED\xA0\x80")}) {
            const auto result = normalize(bad);
            CHECK(result.is_invalid_utf8);
            CHECK(result.has_bad_char);
        }
    }
    SUBCASE("too long: the buffer holds 64, the length keeps counting") {
        const auto result = normalize(std::string(100, '1'));
        CHECK(result.is_too_long());
        CHECK(result.full_length == 100);
        CHECK(result.length == k_max_number_length);
    }
}

TEST_CASE("normalize: unwraps what spreadsheets, chats and labels put around a number") {
    for (const std::string& pasted : {std::string("\"1Z5R89390357567127\""),
                                      std::string(" '1Z5R89390357567127"),
                                      std::string("'1Z5R89390357567127'"),
                                      std::string("\xE2\x80\x9C"
                                                  "1Z5R89390357567127\xE2\x80\x9D"),
                                      std::string("\xE3\x80\x8C"
                                                  "1Z5R89390357567127\xE3\x80\x8D"),
                                      std::string("#1Z5R89390357567127"),
                                      std::string("No. 1Z5R89390357567127"),
                                      std::string("no:1Z5R89390357567127"),
                                      std::string("Tracking: 1Z5R89390357567127"),
                                      std::string("TRACKING NUMBER: 1Z5R89390357567127"),
                                      std::string("tracking # 1Z5R89390357567127"),
                                      std::string("\"Tracking No.: 1Z5R8939 0357567127\""),
                                      std::string("\xE8\xBF\x90\xE5\x8D\x95\xE5\x8F\xB7\xEF\xBC\x9A"
                                                  "1Z5R89390357567127")}) {
        CAPTURE(pasted);
        const auto result = normalize(pasted);
        CHECK(result.text() == "1Z5R89390357567127");
        CHECK_FALSE(result.has_bad_char);
    }
}

TEST_CASE("normalize: leaves what has more than one reading for the character rules") {
    SUBCASE("an unmatched quote or a quote inside stays a bad character") {
        CHECK(normalize("\"1Z5R89390357567127").has_bad_char);
        CHECK(normalize("1Z5R8939\"0357567127").has_bad_char);
    }
    SUBCASE("a label with nothing after it") {
        CHECK(normalize("Tracking:").has_bad_char);
    }
    SUBCASE("letters that merely start like a label are the number") {
        CHECK(normalize("TBA123456789012").text() == "TBA123456789012");
        CHECK(normalize("NO123").text() == "NO123");
    }
    SUBCASE("a bad character's offset counts from the input as given") {
        const auto result = normalize("No. 1Z#5");
        CHECK(result.has_bad_char);
        CHECK(result.first_bad_at == 7);
    }
}

TEST_CASE("normalize: records where the digits are, on every path") {
    const auto digits_of = [](std::string_view raw) { return normalize(raw).digit_positions; };
    CHECK(digits_of("1Z5R8939") == 0b11110101U);            // eight at a time
    CHECK(digits_of("1z5r8939") == 0b11110101U);            // lower case folded on the way
    CHECK(digits_of("1Z5") == 0b101U);                      // short: one at a time
    CHECK(digits_of("1Z 5R-8939") == 0b11110101U);          // separators: one at a time
    CHECK(digits_of("\xEF\xBC\x91Z5R8939") == 0b11110101U); // full-width: the slow path
    CHECK(digits_of(std::string(64, '9')) == ~std::uint64_t{0});
    Normalized into;
    normalize("  ab12345678  ", into);
    CHECK(into.text() == "AB12345678");
    CHECK(into.digit_positions == 0b1111111100U);
}

TEST_CASE("normalize: the eight-at-a-time path agrees with the one-at-a-time path") {
    // The same text with a separator appended takes the slow path; the readings must agree.
    for (const std::string_view raw : {"abcdefghijklmnopqrstuvwxyz",
                                       "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
                                       "9400111201080805483016",
                                       "@[`{/:09AZaz",
                                       "12345678@",
                                       "1234567[",
                                       "azAZ09az"}) {
        const auto fast = normalize(raw);
        const auto slow = normalize(std::string(raw) + " ");
        CHECK(fast.text() == slow.text());
        CHECK(fast.has_bad_char == slow.has_bad_char);
        CHECK(fast.first_bad_at == slow.first_bad_at);
        CHECK(fast.digit_positions == slow.digit_positions);
    }
}

TEST_CASE("normalize: every invisible format character (Unicode Cf) is dropped alike and noted") {
    // ZWSP, ZWNJ, ZWJ, LRM, RLM, LRE, RLO, word joiner, LRI, PDI, BOM, soft hyphen, ALM, a tag.
    for (const std::string mark : {"\xE2\x80\x8B",
                                   "\xE2\x80\x8C",
                                   "\xE2\x80\x8D",
                                   "\xE2\x80\x8E",
                                   "\xE2\x80\x8F",
                                   "\xE2\x80\xAA",
                                   "\xE2\x80\xAE",
                                   "\xE2\x81\xA0",
                                   "\xE2\x81\xA6",
                                   "\xE2\x81\xA9",
                                   "\xEF\xBB\xBF",
                                   "\xC2\xAD",
                                   "\xD8\x9C",
                                   "\xF3\xA0\x80\x81"}) {
        CAPTURE(mark);
        const auto normalized = normalize("RB1234" + mark + "56785CN");
        CHECK(normalized.text() == "RB123456785CN");
        CHECK(normalized.has_invisible);
        CHECK_FALSE(normalized.has_bad_char);
    }
    CHECK_FALSE(normalize("RB123456785CN").has_invisible);
    CHECK_FALSE(normalize("RB1234 56785CN").has_invisible); // a space is not noted
    // A visible character that is not Cf stays a bad character.
    CHECK(normalize("RB1234\xC3\xA9"
                    "56785CN")
              .has_bad_char);
}
