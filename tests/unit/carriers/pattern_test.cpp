#include <vtrguard/carriers/pattern.hpp>

#include <doctest/doctest.h>

using namespace vtrguard::carriers;

namespace {

CompiledPattern compile_one(std::string_view text) {
    auto patterns = compile_pattern(text);
    REQUIRE(patterns.has_value());
    REQUIRE(patterns->size() == 1);
    return patterns->front();
}

} // namespace

TEST_CASE("pattern: literals, classes and counts") {
    const auto ups = compile_one("1Z x{15} d");
    CHECK(ups.min_length == 18);
    CHECK(ups.max_length == 18);
    CHECK(ups.matches("1Z5R89390357567127"));
    CHECK_FALSE(ups.matches("2Z5R89390357567127"));
    CHECK_FALSE(ups.matches("1Z5R8939035756712A")); // the check must be a digit
    CHECK_FALSE(ups.matches("1Z5R8939035756712"));  // too short

    const auto lasership = compile_one("L [AIEHNX] [1-3] d{7}");
    CHECK(lasership.matches("LX17635036"));
    CHECK_FALSE(lasership.matches("LX47635036"));
    CHECK_FALSE(lasership.matches("LB17635036"));

    const auto letters = compile_one("a{3} d");
    CHECK(letters.matches("ABC1"));
    CHECK_FALSE(letters.matches("AB11"));
}

TEST_CASE("pattern: one variable element takes the slack") {
    const auto dhl = compile_one("d{10,11}");
    CHECK(dhl.matches("1234567890"));
    CHECK(dhl.matches("12345678901"));
    CHECK_FALSE(dhl.matches("123456789"));
    CHECK_FALSE(dhl.matches("123456789012"));

    const auto framed = compile_one("GM x{2,4} 9");
    CHECK(framed.matches("GMAB9"));
    CHECK(framed.matches("GMABCD9"));
    CHECK_FALSE(framed.matches("GMABCDE9"));
}

TEST_CASE("pattern: alternatives expand into one pattern each") {
    auto patterns = compile_pattern("(JJD|JD) d{2}");
    REQUIRE(patterns.has_value());
    REQUIRE(patterns->size() == 2);
    CHECK((*patterns)[0].matches("JJD12"));
    CHECK((*patterns)[1].matches("JD12"));
    CHECK_FALSE((*patterns)[1].matches("JJD12"));
}

TEST_CASE("pattern: a literal is more specific than a digit, a digit than any character") {
    const auto literal = compile_one("1Z");
    const auto digits = compile_one("d{2}");
    const auto any = compile_one("x{2}");
    CHECK(literal.specificity(2) > digits.specificity(2));
    CHECK(digits.specificity(2) > any.specificity(2));
    CHECK(any.specificity(2) == 0);
}

TEST_CASE("pattern: errors say where and why") {
    const auto error_of = [](std::string_view text) {
        auto compiled = compile_pattern(text);
        REQUIRE_FALSE(compiled.has_value());
        return compiled.error().message;
    };
    CHECK(error_of("d{2,3} x{1,2}").find("one element") != std::string::npos);
    CHECK(error_of("[AB").find("']'") != std::string::npos);
    CHECK(error_of("[A-").find("class") != std::string::npos);
    CHECK(error_of("d{0}").find("1 to 64") != std::string::npos);
    CHECK(error_of("d{65}").find("1 to 64") != std::string::npos);
    CHECK(error_of("(AB|)").find("empty alternative") != std::string::npos);
    CHECK(error_of("1z").find("unexpected 'z'") != std::string::npos);
    CHECK(error_of("d x{64}").find("64 characters") != std::string::npos);
    CHECK(error_of("").find("empty") != std::string::npos);
}

TEST_CASE("pattern: a number's shape marks its digits and letters position by position") {
    SUBCASE("short numbers, one character at a time") {
        const auto shape = shape_of("12AB");
        CHECK(shape.digits == 0b0011U);
        CHECK(shape.letters == 0b1100U);
        CHECK(shape.last == char_bit('B'));
        CHECK(shape.is_alphanumeric);
    }
    SUBCASE("long numbers, eight at a time with an overlapping last step") {
        const auto shape = shape_of("1Z5R89390357567127");
        CHECK(shape.digits == (((std::uint64_t{1} << 18) - 1) & ~std::uint64_t{0b1010}));
        CHECK(shape.letters == 0b1010U);
        CHECK(shape.is_alphanumeric);
        const std::string longest(64, '7');
        CHECK(shape_of(longest).digits == ~std::uint64_t{0});
        CHECK(shape_of(longest).letters == 0);
    }
    SUBCASE("anything but digits and upper-case letters is not alphanumeric") {
        CHECK_FALSE(shape_of("12ab").is_alphanumeric);
        CHECK_FALSE(shape_of("1234567890ab").is_alphanumeric);
        CHECK_FALSE(shape_of("12345678-0AB").is_alphanumeric);
        CHECK_FALSE(shape_of("1234567890\xC3\xA9").is_alphanumeric);
        CHECK_FALSE(shape_of("12345678\x80"
                             "9")
                        .is_alphanumeric);
        CHECK(shape_of("1234567890AZ").is_alphanumeric);
    }
    SUBCASE("alphanumeric_shape agrees with shape_of") {
        for (const std::string_view number : {"RR123456785CN", "9400111201080805483016", "A1"}) {
            const auto expected = shape_of(number);
            const auto shape = alphanumeric_shape(number, expected.digits);
            CHECK(shape.letters == expected.letters);
            CHECK(shape.last == expected.last);
        }
    }
}
