#pragma once

#include <string_view>

namespace vtrguard::carriers {

// The English short name of an ISO 3166-1 alpha-2 country code (upper case), or an empty view
// when the code is not assigned. UPU S10 numbers end in such a code.
std::string_view country_name(std::string_view code);

// Whether `code` is an assigned ISO 3166-1 alpha-2 code (upper case): !country_name(code).empty()
// as one table lookup, for the validator's hot loop.
bool is_country_code(std::string_view code);

} // namespace vtrguard::carriers
