#pragma once

#include <vtrguard/core/time_zone.hpp>

#include <cstdio>
#include <filesystem>
#include <string>

namespace vtrguard::test {

// Whether the tzdata package installed the zone file `name`. Tests that read one are skipped
// without it (`* doctest::skip(!has_zone_file("Asia/Shanghai"))`), saying so once here.
inline bool has_zone_file(const std::string& name) {
    const auto path = std::filesystem::path(core::k_zoneinfo_dir) / name;
    std::error_code error;
    const bool is_there = std::filesystem::is_regular_file(path, error);
    if (!is_there) {
        std::fprintf(stderr,
                     "skipping the tests that need %s: not found (install the tzdata package)\n",
                     path.c_str());
    }
    return is_there;
}

} // namespace vtrguard::test
