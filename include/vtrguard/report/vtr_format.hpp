#pragma once

#include <vtrguard/core/time_zone.hpp>
#include <vtrguard/report/rate.hpp>

#include <optional>
#include <string>

namespace vtrguard::report {

// `97.53` (two decimals, '.' whatever the locale), or `null` / `-` when there is no rate.
std::string percent_text(std::optional<double> percent, std::string_view none);

// The summary as one JSON object: top level `total`, `valid`, `pending`, `rate` (percent, or
// null), the other counts and `causes`, then `by_category`, `by_carrier`, `by_marketplace`
// arrays of the same with a `name`. Pure.
std::string vtr_json(const VtrSummary& summary);

// The summary for a terminal: the period in `zone`, the overall rate with best and worst case,
// then one table per breakdown. `threshold` marks rates below it. Pure.
std::string vtr_text(const VtrSummary& summary, double threshold, const core::TimeZone& zone);

} // namespace vtrguard::report
