#pragma once

// Guards for JSON that comes from outside: configuration, rule files, carrier API bodies.

#include <rapidjson/document.h>
#include <rapidjson/reader.h>

#include <cstddef>
#include <optional>
#include <string>

namespace vtrguard::carriers::json_guard {

// Parse flags every untrusted document uses: the iterative parser keeps its own stack on the
// heap, so 200,000 nested `[` are an ordinary input instead of a stack overflow.
inline constexpr unsigned k_parse_flags = rapidjson::kParseIterativeFlag;

// Nesting that configuration and rule files never need; deeper is an error, not a crash.
inline constexpr std::size_t k_max_depth = 32;

// What is wrong with the shape of an already parsed `root`, or nullopt when nothing is:
// nesting deeper than `max_depth` containers, or an object with the same key twice. The text
// names where (`carriers[0].formats: the key "pattern" appears twice`). Iterative, so any depth
// is safe; O(n log n) in the number of members. Thread-safe.
std::optional<std::string> find_shape_problem(const rapidjson::Value& root,
                                              std::size_t max_depth = k_max_depth);

} // namespace vtrguard::carriers::json_guard
