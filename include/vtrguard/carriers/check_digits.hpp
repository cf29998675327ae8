#pragma once

#include <vtrguard/carriers/format_spec.hpp>

#include <cstddef>
#include <optional>
#include <string_view>

namespace vtrguard::carriers {

// The check character each algorithm expects for `serial` (already extended by any prepend),
// or nullopt when the serial holds a character the algorithm cannot weigh. Pure and thread-safe.
std::optional<char>
mod10_check(std::string_view serial, int evens_multiplier, int odds_multiplier, bool reverse);
std::optional<char> mod7_check(std::string_view serial);
std::optional<char> s10_check(std::string_view serial);
std::optional<char> luhn_check(std::string_view serial);
std::optional<char> mod37_36_check(std::string_view serial);
std::optional<char> weighted_mod_check(std::string_view serial,
                                       const std::vector<int>& weights,
                                       int modulo1,
                                       int modulo2);

// The check character `spec` expects for `serial`; nullopt for CheckAlgorithm::none or when the
// serial cannot be weighed.
std::optional<char> expected_check(const CheckSpec& spec, std::string_view serial);

// Whether the normalized `number` carries the check character `spec` asks for.
// Returns true for CheckAlgorithm::none (nothing to verify).
bool check_digit_matches(const CheckSpec& spec, std::string_view number);

// The same with the positions already resolved for the number's length (the Ruleset does that
// once per slot): false when they do not fit the number. `spec.algorithm` is not `none`.
bool check_digit_matches(const CheckSpec& spec,
                         std::string_view number,
                         std::size_t serial_begin,
                         std::size_t serial_end,
                         std::size_t check_at);

// The name rule files use for `algorithm` (`mod10`, `s10`, …) and back.
std::string_view algorithm_name(CheckAlgorithm algorithm);
std::optional<CheckAlgorithm> algorithm_from_name(std::string_view name);

} // namespace vtrguard::carriers
