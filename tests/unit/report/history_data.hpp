#pragma once

#include <vtrguard/core/time.hpp>
#include <vtrguard/report/shipment.hpp>

#include <fmt/format.h>

#include <array>
#include <chrono>
#include <vector>

namespace vtrguard::test {

// A generated history with known causes: `per_day` shipments on every day of the `days` days
// before `now`. Order n of day d fails on purpose:
// - n == 0 on days before day 60: tracking missing (the cause stops after day 59);
// - n == 1 on even days: declared under "Other";
// - n == 2 on days divisible by 3: never scanned.
// Everything else is valid and scanned within a day.
inline std::vector<report::Shipment> generated_history(core::TimePoint now, int days, int per_day) {
    using namespace std::chrono_literals;
    std::vector<report::Shipment> shipments;
    const auto first_day = std::chrono::floor<std::chrono::days>(now) - 24h * (days - 1);
    const std::array<std::string_view, 3> categories{"toys", "books", "garden"};
    for (int d = 0; d < days; ++d) {
        for (int n = 0; n < per_day; ++n) {
            report::Shipment s;
            s.order_id = fmt::format("113-{:04}-{:04}", d, n);
            s.marketplace = "amazon.com";
            s.category = categories.at(static_cast<std::size_t>(n) % categories.size());
            s.carrier = "UPS";
            s.carrier_code = "ups";
            s.tracking_number = fmt::format("1ZTEST{:04}{:04}", d, n);
            s.tracking_key = s.tracking_number;
            s.verdict = "ok";
            s.deliver_by = first_day + 24h * d + 12h;
            s.ship_confirmed_at = *s.deliver_by - 72h;
            s.first_scan_at = *s.ship_confirmed_at + 5h;
            if (n == 0 && d < 60) {
                s.tracking_number.clear();
                s.tracking_key.clear();
            } else if (n == 1 && d % 2 == 0) {
                s.carrier = "Other";
                s.carrier_code = "other";
            } else if (n == 2 && d % 3 == 0) {
                s.first_scan_at.reset();
            }
            shipments.push_back(std::move(s));
        }
    }
    return shipments;
}

// How often `needle` occurs in `text`.
inline std::size_t count_of(const std::string& text, std::string_view needle) {
    std::size_t count = 0;
    for (auto pos = text.find(needle); pos != std::string::npos;
         pos = text.find(needle, pos + needle.size())) {
        ++count;
    }
    return count;
}

} // namespace vtrguard::test
