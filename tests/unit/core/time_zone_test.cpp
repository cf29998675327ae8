#include "support/manual_clock.hpp"
#include "support/temp_dir.hpp"
#include "support/zones.hpp"

#include <vtrguard/core/time_zone.hpp>

#include <doctest/doctest.h>

#include <cstdint>
#include <utility>
#include <vector>

using namespace vtrguard;
using namespace std::chrono_literals;
using vtrguard::test::at;

namespace {

std::string big_endian(std::uint64_t value, int width) {
    std::string bytes;
    for (int shift = (width - 1) * 8; shift >= 0; shift -= 8) {
        bytes.push_back(static_cast<char>((value >> static_cast<unsigned>(shift)) & 0xFFU));
    }
    return bytes;
}

struct TzifData {
    std::vector<std::pair<std::int64_t, unsigned char>> transitions; // (at, type)
    std::vector<std::int32_t> offsets;                               // one per type
    std::string footer;                                              // the POSIX rule

    // One header and data block with `width`-byte times.
    std::string block(char version, int width) const {
        std::string out = "TZif";
        out.push_back(version);
        out.append(15, '\0');
        for (const std::size_t count : {std::size_t{0},
                                        std::size_t{0},
                                        std::size_t{0},
                                        transitions.size(),
                                        offsets.size(),
                                        std::size_t{4}}) {
            out += big_endian(count, 4);
        }
        for (const auto& [time, type] : transitions) {
            out += big_endian(static_cast<std::uint64_t>(time), width);
        }
        for (const auto& [time, type] : transitions) {
            out.push_back(static_cast<char>(type));
        }
        for (const auto offset : offsets) {
            out += big_endian(static_cast<std::uint32_t>(offset), 4);
            out += std::string("\0\0", 2); // is_dst, designation index
        }
        out += std::string("ZZZ\0", 4);
        return out;
    }

    std::string version1() const { return block('\0', 4); }

    std::string version2() const { return block('2', 4) + block('2', 8) + "\n" + footer + "\n"; }
};

std::int64_t unix_at(std::string_view text) {
    return at(text).time_since_epoch().count();
}

} // namespace

TEST_CASE("time zone: UTC and fixed offsets need no zone files") {
    const auto utc = core::TimeZone::load("UTC", "/nonexistent");
    REQUIRE(utc.has_value());
    CHECK(utc->name() == "UTC");
    CHECK(utc->offset_at(at("2026-03-01T00:00:00Z")) == 0s);
    CHECK(utc->describe(at("2026-01-01"), at("2026-12-31")) == "UTC");

    for (const auto* text : {"+08:00", "+0800", "UTC+08:00", "+08"}) {
        CAPTURE(text);
        const auto zone = core::TimeZone::load(text, "/nonexistent");
        REQUIRE(zone.has_value());
        CHECK(zone->name() == "UTC+08:00");
        CHECK(zone->offset_at(at("2026-03-01T00:00:00Z")) == 8h);
    }
    const auto west = core::TimeZone::load("-05:30", "/nonexistent");
    REQUIRE(west.has_value());
    CHECK(west->offset_at(at("2026-03-01T00:00:00Z")) == -(5h + 30min));
    CHECK(west->describe(at("2026-01-01"), at("2026-12-31")) == "UTC-05:30");

    const auto wrong = core::TimeZone::load("+25:00", "/nonexistent");
    REQUIRE_FALSE(wrong.has_value());
    CHECK(wrong.error().message.find("\"+25:00\"") != std::string::npos);
}

TEST_CASE("time zone: local days, their first instant and local times at +08:00") {
    const auto zone = core::TimeZone::fixed(8h);
    // 16:30 UTC on March 1 is half past midnight on March 2 in Shanghai.
    const auto late = at("2026-03-01T16:30:00Z");
    CHECK(core::format_date(late, zone) == "2026-03-02");
    CHECK(core::format_date(late, core::TimeZone{}) == "2026-03-01");
    CHECK(zone.day_start(late) == at("2026-03-01T16:00:00Z"));
    CHECK(core::TimeZone{}.day_start(late) == at("2026-03-01T00:00:00Z"));
    CHECK(core::format_instant(late, zone) == "2026-03-02T00:30:00+08:00");
    CHECK(core::format_instant(late, core::TimeZone{}) == "2026-03-01T16:30:00Z");
    CHECK(core::format_instant(late, core::TimeZone::fixed(-(3h + 30min)))
          == "2026-03-01T13:00:00-03:30");
}

TEST_CASE("time zone: names cannot leave the zoneinfo folder") {
    const test::TempDir dir;
    dir.write("secret", TzifData{{}, {3600}, ""}.version2());
    for (const auto* name : {"../secret", "Europe/../../secret", "/etc/localtime", "", "Asia/*"}) {
        CAPTURE(name);
        const auto zone = core::TimeZone::load(name, dir / "zones");
        REQUIRE_FALSE(zone.has_value());
        CHECK(zone.error().message.find(std::string("\"") + name + "\"") != std::string::npos);
    }
    const auto unknown = core::TimeZone::load("Mars/Olympus_Mons", dir.path());
    REQUIRE_FALSE(unknown.has_value());
    CHECK(unknown.error().message.starts_with("unknown time zone \"Mars/Olympus_Mons\""));
}

TEST_CASE("time zone: TZif transitions, version 1 and version 2") {
    // A zone at +01:00 that moved to +03:00 at the start of 2020.
    const TzifData data{{{unix_at("2020-01-01T00:00:00Z"), 1}}, {3600, 3 * 3600}, "<+03>-3"};
    for (const auto& bytes : {data.version1(), data.version2()}) {
        const auto zone = core::TimeZone::from_tzif("Test/Moved", bytes);
        REQUIRE(zone.has_value());
        CHECK(zone->name() == "Test/Moved");
        CHECK(zone->offset_at(at("2019-12-31T23:59:59Z")) == 1h);
        CHECK(zone->offset_at(at("2020-01-01T00:00:00Z")) == 3h);
        CHECK(zone->offset_at(at("2090-01-01T00:00:00Z")) == 3h);
        CHECK(zone->describe(at("2019-12-01"), at("2020-02-01"))
              == "Test/Moved (UTC+01:00, UTC+03:00)");
        CHECK(zone->describe(at("2021-01-01"), at("2021-02-01")) == "Test/Moved (UTC+03:00)");
    }
}

TEST_CASE("time zone: the footer rule decides the years after the last transition") {
    SUBCASE("northern summer time") {
        const TzifData data{{}, {3600}, "CET-1CEST,M3.5.0,M10.5.0/3"};
        const auto zone = core::TimeZone::from_tzif("Test/Berlin", data.version2());
        REQUIRE(zone.has_value());
        // Last Sunday of March 2026 is the 29th, 02:00 CET = 01:00 UTC.
        CHECK(zone->offset_at(at("2026-03-29T00:59:59Z")) == 1h);
        CHECK(zone->offset_at(at("2026-03-29T01:00:00Z")) == 2h);
        // Last Sunday of October 2026 is the 25th, 03:00 CEST = 01:00 UTC.
        CHECK(zone->offset_at(at("2026-10-25T00:59:59Z")) == 2h);
        CHECK(zone->offset_at(at("2026-10-25T01:00:00Z")) == 1h);
        CHECK(zone->offset_at(at("2099-07-01T00:00:00Z")) == 2h);
        // The day of the switch has 23 hours and starts at local midnight all the same.
        CHECK(zone->day_start(at("2026-03-29T12:00:00Z")) == at("2026-03-28T23:00:00Z"));
        CHECK(zone->day_start(at("2026-03-30T12:00:00Z")) == at("2026-03-29T22:00:00Z"));
    }
    SUBCASE("southern summer time spans the new year") {
        const TzifData data{{}, {36000}, "AEST-10AEDT,M10.1.0,M4.1.0/3"};
        const auto zone = core::TimeZone::from_tzif("Test/Sydney", data.version2());
        REQUIRE(zone.has_value());
        CHECK(zone->offset_at(at("2026-01-15T00:00:00Z")) == 11h);
        CHECK(zone->offset_at(at("2026-06-15T00:00:00Z")) == 10h);
        CHECK(zone->offset_at(at("2026-12-15T00:00:00Z")) == 11h);
    }
    SUBCASE("Julian days") {
        const TzifData data{{}, {-18000}, "EST5EDT,J60/2,J300/2"};
        const auto zone = core::TimeZone::from_tzif("Test/Julian", data.version2());
        REQUIRE(zone.has_value());
        // J60 is March 1 in every year, leap or not.
        CHECK(zone->offset_at(at("2028-03-01T06:59:59Z")) == -5h);
        CHECK(zone->offset_at(at("2028-03-01T07:00:00Z")) == -4h);
    }
}

TEST_CASE("time zone: damaged TZif data is an error, not a guess") {
    const TzifData good{{{unix_at("2020-01-01T00:00:00Z"), 1}}, {3600, 7200}, "<+02>-2"};
    const auto bytes = good.version2();
    for (const auto& damaged : {std::string("TZif"),
                                std::string("not a zone file at all, but long enough to be read"),
                                bytes.substr(0, bytes.size() - 20),
                                TzifData{{{0, 5}}, {3600}, ""}.version2(),
                                TzifData{{}, {3600}, "CET-1CEST,M13.5.0,M10.5.0"}.version2()}) {
        const auto zone = core::TimeZone::from_tzif("Test/Damaged", damaged);
        REQUIRE_FALSE(zone.has_value());
        CHECK(zone.error().message.starts_with("time zone \"Test/Damaged\": not a valid TZif"));
    }
}

TEST_CASE("time zone: tzdata's Asia/Shanghai and America/New_York"
          * doctest::skip(!test::has_zone_file("Asia/Shanghai")
                          || !test::has_zone_file("America/New_York"))) {
    const auto shanghai = core::TimeZone::load("Asia/Shanghai");
    REQUIRE(shanghai.has_value());
    CHECK(shanghai->offset_at(at("2026-03-01T00:00:00Z")) == 8h);
    CHECK(shanghai->describe(at("2026-01-01"), at("2026-04-01")) == "Asia/Shanghai (UTC+08:00)");
    const auto new_york = core::TimeZone::load("America/New_York");
    REQUIRE(new_york.has_value());
    CHECK(new_york->offset_at(at("2026-01-15T12:00:00Z")) == -5h);
    CHECK(new_york->offset_at(at("2026-07-15T12:00:00Z")) == -4h);
    // Past the transitions the file lists (2037 in fat files), from the footer rule.
    CHECK(new_york->offset_at(at("2060-07-15T12:00:00Z")) == -4h);
    CHECK(new_york->offset_at(at("2060-12-15T12:00:00Z")) == -5h);
    CHECK(new_york->describe(at("2026-03-01"), at("2026-04-01"))
          == "America/New_York (UTC-05:00, UTC-04:00)");
}
