#pragma once

#include "row.hpp"

#include <string_view>

namespace vtrguard::store {

// The carrier_lookups columns (table alias `l`) in the order read_lookup() expects them.
inline constexpr std::string_view k_lookup_columns =
    "l.number, l.first_at, l.checked_at, l.outcome, l.status, l.has_physical_scan, "
    "l.first_scan_at, l.next_at, l.attempts, l.detail";

inline constexpr int k_lookup_column_count = 10;

// The lookup in columns [first, first + k_lookup_column_count), or nullopt when the row has
// none (a LEFT JOIN found nothing). An outcome or status another program mistyped reads as
// `unreachable` / no answer, the side that keeps asking.
std::optional<CarrierLookup> read_lookup(const RawRow& row, int first);

} // namespace vtrguard::store
