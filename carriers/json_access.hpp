#pragma once

// Safe reads from untrusted carrier JSON: every accessor checks the type before the Get*().

#include <vtrguard/carriers/tracking.hpp>

#include <rapidjson/document.h>

#include <optional>
#include <string>
#include <string_view>

namespace vtrguard::carriers::json {

// The parsed body, or a bad_response error naming `carrier` and the parse offset.
ApiResult<rapidjson::Document> parse(std::string_view body, std::string_view carrier);

// Member `name` of `value` when `value` is an object that has it; nullptr otherwise.
const rapidjson::Value* member(const rapidjson::Value* value, const char* name);

// Member `name` when it is an array / object; nullptr otherwise.
const rapidjson::Value* array(const rapidjson::Value* value, const char* name);
const rapidjson::Value* object(const rapidjson::Value* value, const char* name);

// Member `name` as text when it is a string; empty otherwise.
std::string_view text(const rapidjson::Value* value, const char* name);

// Member `name` as an integer, accepting a number or a string of digits (UPS, USPS).
std::optional<long long> integer(const rapidjson::Value* value, const char* name);

// Member `name` when it is `true`.
bool is_true(const rapidjson::Value* value, const char* name);

// The first element of array member `name` when it is an object; nullptr otherwise.
const rapidjson::Value* first_object(const rapidjson::Value* value, const char* name);

// "code: message" of the first element of an `errors` array, for error messages.
std::string first_error(const rapidjson::Value* errors);

} // namespace vtrguard::carriers::json
