#pragma once

#include "row.hpp"

#include <optional>
#include <string_view>

namespace vtrguard::store {

// The plain key (is_plain_key) in SQL, written exactly as index orders_plain_number declares it so
// that SQLite answers it from the index.
inline constexpr std::string_view k_plain_key_sql =
    "upper(replace(replace(tracking_number, ' ', ''), '-', ''))";

// The open alert in columns (condition, level) from `first`; nullopt for NULL (a LEFT JOIN
// found none) or a name another program mistyped.
std::optional<OpenAlert> read_open_alert(const RawRow& row, int first);

} // namespace vtrguard::store
