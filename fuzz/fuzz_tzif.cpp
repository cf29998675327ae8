// The TZif time-zone reader on any bytes; a zone it accepts is then asked about offsets and
// days across its whole range, as reports do.

#include <vtrguard/core/time_zone.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace std::chrono;
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    auto zone = vtrguard::core::TimeZone::from_tzif("Fuzz/Zone", bytes);
    if (!zone) {
        return 0;
    }
    for (const auto at : {sys_seconds{seconds{-2'208'988'800}}, // 1900
                          sys_seconds{seconds{0}},
                          sys_seconds{seconds{1'767'225'600}},    // 2026
                          sys_seconds{seconds{4'102'444'800}}}) { // 2100
        (void)zone->offset_at(at);
        (void)zone->day_start(at);
        (void)vtrguard::core::format_instant(at, *zone);
    }
    (void)zone->describe(sys_seconds{seconds{0}}, sys_seconds{seconds{4'102'444'800}});
    return 0;
}
