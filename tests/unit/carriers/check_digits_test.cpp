#include <vtrguard/carriers/check_digits.hpp>

#include <doctest/doctest.h>

#include <random>
#include <string>

using namespace vtrguard::carriers;

namespace {

// The rules as written, one character at a time: what the fast implementations must agree with.
char reference_mod10(std::string_view serial, int evens, int odds, bool reverse) {
    int total = 0;
    for (std::size_t i = 0; i < serial.size(); ++i) {
        const char c = serial[i];
        const int value = c <= '9' ? c - '0' : (c - 3) % 10;
        const std::size_t position = reverse ? serial.size() - 1 - i : i;
        total += value * (position % 2 == 0 ? evens : odds);
    }
    return static_cast<char>('0' + (10 - total % 10) % 10);
}

char reference_mod37_36(std::string_view serial) {
    int product = 36;
    for (const char c : serial) {
        const int value = c <= '9' ? c - '0' : c - 'A' + 10;
        int sum = (product + value) % 36;
        sum = sum == 0 ? 36 : sum;
        product = (sum * 2) % 37;
    }
    return "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"[(37 - product) % 36];
}

} // namespace

TEST_CASE("check digits: worked examples from the published rules") {
    SUBCASE("luhn: the textbook 7992739871 has check 3") {
        CHECK(luhn_check("7992739871") == '3');
        CHECK(luhn_check("7992739872") != '3');
    }
    SUBCASE("s10: RB 12345678 has check 5 (11 - 6)") {
        CHECK(s10_check("12345678") == '5');
    }
    SUBCASE("s10: a remainder of 1 gives 0, a remainder of 0 gives 5") {
        // 8 + 3 = 11: remainder 0, 11 - 0 = 11 -> '5'
        CHECK(s10_check("10001000") == '5');
        // 8 + 2 = 10 -> 11 - 10 = 1
        CHECK(s10_check("10010000") == '1');
        CHECK(s10_check("00000001") == '4'); // 11 - 7
    }
    SUBCASE("mod7: the serial as an integer, mod 7") {
        CHECK(mod7_check("331881002") == '5'); // 331881002 mod 7 == 5
        CHECK(mod7_check("7") == '0');
    }
    SUBCASE("mod10: UPS weights odd positions by 2 and letters by (ASCII - 3) mod 10") {
        CHECK(mod10_check("0", 1, 2, false) == '0');
        CHECK(mod10_check("11", 1, 2, false) == '7'); // 1 + 2 = 3 -> 7
        CHECK(mod10_check("A", 1, 2, false) == '8');  // 'A' weighs 2 -> 8
    }
    SUBCASE("mod10: reverse counts positions from the right") {
        CHECK(mod10_check("12", 3, 1, false) == '5'); // 3 + 2 = 5 -> 5
        CHECK(mod10_check("12", 3, 1, true) == '3');  // reversed "21": 6 + 1 = 7 -> 3
    }
    SUBCASE("weighted_mod: FedEx weights 3,1,7 then mod 11 mod 10") {
        // 1*3 + 2*1 + 3*7 = 26 -> 26 mod 11 = 4
        CHECK(weighted_mod_check("123", {3, 1, 7}, 11, 10) == '4');
        // 10 mod 11 = 10 -> mod 10 = 0
        CHECK(weighted_mod_check("1", {10}, 11, 10) == '0');
    }
    SUBCASE("mod37_36: ISO 7064 check characters are from 0-9A-Z") {
        CHECK_FALSE(mod37_36_check("0081 8270").has_value()); // a space is not weighed
        const auto letters = mod37_36_check("ABC");
        REQUIRE(letters.has_value());
        CHECK(((*letters >= '0' && *letters <= '9') || (*letters >= 'A' && *letters <= 'Z')));
    }
    SUBCASE("characters an algorithm cannot weigh give no check") {
        CHECK_FALSE(luhn_check("12A").has_value());
        CHECK_FALSE(mod7_check("1-2").has_value());
        CHECK_FALSE(s10_check("1234567").has_value());
    }
}

TEST_CASE("check digits: the fast paths agree with the rules as written") {
    std::mt19937 rng(11);
    constexpr std::string_view k_digits = "0123456789";
    constexpr std::string_view k_alphanumeric = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    for (int round = 0; round < 2000; ++round) {
        // Mostly digits (eight at a time), sometimes a letter anywhere (one at a time from there).
        const std::string_view alphabet = round % 3 == 0 ? k_alphanumeric : k_digits;
        std::string serial(1 + rng() % 40, '0');
        for (char& c : serial) {
            c = rng() % 16 == 0 ? k_alphanumeric[rng() % 36] : alphabet[rng() % alphabet.size()];
        }
        const bool reverse = rng() % 2 == 0;
        CHECK_MESSAGE(mod10_check(serial, 3, 1, reverse) == reference_mod10(serial, 3, 1, reverse),
                      serial);
        CHECK_MESSAGE(mod10_check(serial, 1, 2, false) == reference_mod10(serial, 1, 2, false),
                      serial);
        CHECK_MESSAGE(mod37_36_check(serial) == reference_mod37_36(serial), serial);
    }
    CHECK_FALSE(mod10_check("12345678-1234", 3, 1, false).has_value());
    CHECK_FALSE(mod10_check("1234567890a", 3, 1, false).has_value());
}

TEST_CASE("check digits: a spec locates serial and check, counting from either end") {
    CheckSpec spec{
        .algorithm = CheckAlgorithm::luhn, .serial_begin = 0, .serial_end = -1, .check_at = -1};
    CHECK(check_digit_matches(spec, "79927398713"));
    CHECK_FALSE(check_digit_matches(spec, "79927398714"));

    SUBCASE("a prepend applies only when the serial does not already start with it") {
        CheckSpec with_prepend{.algorithm = CheckAlgorithm::mod10,
                               .evens_multiplier = 3,
                               .odds_multiplier = 1,
                               .prepend = "91"};
        CheckSpec plain{
            .algorithm = CheckAlgorithm::mod10, .evens_multiplier = 3, .odds_multiplier = 1};
        const std::string serial = "9112345678900000000";
        const auto check = mod10_check(serial, 3, 1, false);
        REQUIRE(check.has_value());
        CHECK(check_digit_matches(with_prepend, serial + *check));
        CHECK(check_digit_matches(plain, serial + *check));
    }
    SUBCASE("positions resolved in advance give the same answer") {
        CHECK(check_digit_matches(spec, "79927398713", 0, 10, 10));
        CHECK_FALSE(check_digit_matches(spec, "79927398714", 0, 10, 10));
        CHECK_FALSE(check_digit_matches(spec, "79927398713", 0, 12, 10)); // past the end
        CHECK_FALSE(check_digit_matches(spec, "79927398713", 5, 4, 10));  // begin after end
        CHECK_FALSE(check_digit_matches(spec, "79927398713", 0, 10, 11)); // no such check
    }
    SUBCASE("none always matches: there is nothing to verify") {
        CHECK(check_digit_matches(CheckSpec{}, "ANYTHING"));
    }
}

TEST_CASE("check digits: algorithm names round-trip") {
    for (const auto algorithm : {CheckAlgorithm::none,
                                 CheckAlgorithm::mod10,
                                 CheckAlgorithm::mod7,
                                 CheckAlgorithm::s10,
                                 CheckAlgorithm::luhn,
                                 CheckAlgorithm::mod37_36,
                                 CheckAlgorithm::weighted_mod}) {
        CHECK(algorithm_from_name(algorithm_name(algorithm)) == algorithm);
    }
    CHECK_FALSE(algorithm_from_name("mod12").has_value());
}
