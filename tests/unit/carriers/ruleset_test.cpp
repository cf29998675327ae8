#include <vtrguard/carriers/ruleset.hpp>

#include <doctest/doctest.h>

#include <random>
#include <string>
#include <string_view>

using namespace vtrguard::carriers;

namespace {

constexpr std::string_view k_alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

// A number of `length` characters starting with `first`, each other character drawn from what
// the pattern allows at that position (so that it mostly matches) or, now and then, from any.
std::string
draw(std::size_t length, char first, const CompiledPattern& pattern, std::mt19937& rng) {
    std::string number;
    const int slack = static_cast<int>(length) - pattern.min_length;
    for (const auto& element : pattern.elements) {
        const int count =
            element.count_min == element.count_max ? element.count_min : element.count_min + slack;
        for (int i = 0; i < count; ++i) {
            std::string allowed;
            for (const char c : k_alphabet) {
                if ((char_bit(c) & element.allowed) != 0 || rng() % 8 == 0) {
                    allowed.push_back(c);
                }
            }
            number.push_back(allowed[rng() % allowed.size()]);
        }
    }
    number[0] = first; // the slot's first character
    return number;
}

} // namespace

TEST_CASE("ruleset: slot formats match exactly what their patterns match") {
    const auto& rules = Ruleset::builtin();
    std::mt19937 rng(7);
    int compared = 0;
    for (std::size_t length = 1; length <= k_max_pattern_length; ++length) {
        for (const char first : k_alphabet) {
            const auto ids = rules.candidates(length, first);
            const auto slots = rules.slot_formats(length, first);
            REQUIRE(ids.size() == slots.size());
            for (std::size_t i = 0; i < ids.size(); ++i) {
                CHECK(slots[i].format == ids[i]);
                const auto& format = rules.format(ids[i]);
                CHECK(slots[i].carrier == format.carrier);
                for (int round = 0; round < 4; ++round) {
                    const std::string number = draw(length, first, format.pattern, rng);
                    const auto shape = shape_of(number);
                    REQUIRE(shape.is_alphanumeric);
                    CHECK_MESSAGE(rules.matches(slots[i], number, shape)
                                      == format.pattern.matches(number),
                                  number);
                    ++compared;
                }
            }
        }
    }
    CHECK(compared > 1000);
}

TEST_CASE("ruleset: national S10 formats are found by their suffix, outside the slots") {
    const auto& rules = Ruleset::builtin();
    const auto slots = rules.slot_formats(13, 'R');
    const SlotFormat* postal = nullptr;
    for (const auto& slot : slots) {
        const auto& id = rules.format_spec(slot.format).id;
        postal = id == "upu_s10" ? &slot : postal;
        CHECK_MESSAGE(id != "china_post_s10", "a keyed format is also in the slot");
    }
    const SlotFormat* china_post = rules.suffix_format("RB123456785CN");
    REQUIRE(postal != nullptr);
    REQUIRE(china_post != nullptr);
    CHECK(rules.format_spec(china_post->format).id == "china_post_s10");
    CHECK(china_post->check == postal->check); // the S10 check is computed once per number
    CHECK(rules.matches(*china_post, "RB123456785CN", shape_of("RB123456785CN")));
    CHECK_FALSE(rules.matches(*china_post, "1B123456785CN", shape_of("1B123456785CN")));
    CHECK(rules.suffix_format("RB123456785XX") == nullptr); // no post claims XX
    CHECK(rules.suffix_format("RB12345678CN") == nullptr);  // 12 characters
    CHECK(rules.format_spec(rules.suffix_format("RB123456785PT")->format).id == "s10_pt");
    CHECK(postal->serial_begin == 2);
    CHECK(postal->serial_end == 10);
    CHECK(postal->check_at == 10);
    CHECK(postal->country_suffix);
    CHECK_FALSE(china_post->country_suffix);
    CHECK(china_post->score > postal->score); // the literal suffix is more specific
}
