#include <vtrguard/core/time.hpp>

#include <doctest/doctest.h>

using namespace vtrguard;
using namespace std::chrono_literals;

TEST_CASE("time: parses ISO-8601 instants with Z, offsets and dates alone") {
    const auto expected = core::parse_instant("2026-11-27T18:00:00Z");
    REQUIRE(expected);
    CHECK(core::format_instant(*expected) == "2026-11-27T18:00:00Z");
    CHECK(core::parse_instant("2026-11-27T20:00:00+02:00").value() == *expected);
    CHECK(core::parse_instant("2026-11-27T12:30:00-0530").value() == *expected);
    CHECK(core::parse_instant("2026-11-27 18:00:00.123Z").value() == *expected);
    CHECK(core::format_instant(core::parse_instant("2026-11-27").value())
          == "2026-11-27T00:00:00Z");
}

TEST_CASE("time: rejects absurd, zoneless and malformed instants") {
    CHECK_FALSE(core::parse_instant("9999-12-31"));
    CHECK_FALSE(core::parse_instant("1999-12-31T23:59:59Z"));
    CHECK_FALSE(core::parse_instant("2026-02-30"));
    CHECK_FALSE(core::parse_instant("2026-11-27T18:00:00"));
    CHECK_FALSE(core::parse_instant("2026-11-27T25:00:00Z"));
    CHECK_FALSE(core::parse_instant("27/11/2026"));
    CHECK_FALSE(core::parse_instant(""));
    CHECK(core::parse_instant("9999-12-31").error().message.find("9999") != std::string::npos);
}

TEST_CASE("time: durations are written with units") {
    CHECK(core::parse_duration("24h").value() == 24h);
    CHECK(core::parse_duration("90m").value() == 90min);
    CHECK(core::parse_duration("30s").value() == 30s);
    CHECK(core::parse_duration("7d").value() == 7 * 24h);
    CHECK(core::parse_duration("1h30m").value() == 90min);
    CHECK_FALSE(core::parse_duration("24"));
    CHECK_FALSE(core::parse_duration("5w"));
    CHECK_FALSE(core::parse_duration("-5h"));
    CHECK_FALSE(core::parse_duration(""));
    CHECK(core::format_duration(90min) == "1h30m");
    CHECK(core::format_duration(24h) == "1d");
    CHECK(core::format_duration(0s) == "0s");
}
