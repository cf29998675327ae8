#include <vtrguard/core/spelling.hpp>

#include <doctest/doctest.h>

#include <array>

using namespace vtrguard;

TEST_CASE("spelling: edit distance and the closest candidate") {
    CHECK(core::edit_distance("kitten", "sitting") == 3);
    CHECK(core::edit_distance("", "abc") == 3);
    CHECK(core::edit_distance("same", "same") == 0);
    const std::array<std::string_view, 3> keys{"database", "poll_interval", "inbox"};
    CHECK(core::closest_match("pol_interval", keys) == "poll_interval");
    CHECK(core::closest_match("databse", keys) == "database");
    CHECK(core::closest_match("x", {}).empty());
}
