#include "json_access.hpp"

#include "api_common.hpp"

#include <vtrguard/carriers/json_guard.hpp>

#include <rapidjson/error/en.h>

#include <string>

namespace vtrguard::carriers::json {

ApiResult<rapidjson::Document> parse(std::string_view body, std::string_view carrier) {
    rapidjson::Document document;
    document.Parse<json_guard::k_parse_flags>(body.data(), body.size());
    if (document.HasParseError()) {
        return api_fail(ApiErrorKind::bad_response,
                        concat({carrier,
                                ": body is not JSON (",
                                rapidjson::GetParseError_En(document.GetParseError()),
                                " at byte ",
                                std::to_string(document.GetErrorOffset()),
                                ")"}));
    }
    return document;
}

const rapidjson::Value* member(const rapidjson::Value* value, const char* name) {
    if (value == nullptr || !value->IsObject()) {
        return nullptr;
    }
    const auto found = value->FindMember(name);
    return found == value->MemberEnd() ? nullptr : &found->value;
}

const rapidjson::Value* array(const rapidjson::Value* value, const char* name) {
    const auto* found = member(value, name);
    return found != nullptr && found->IsArray() ? found : nullptr;
}

const rapidjson::Value* object(const rapidjson::Value* value, const char* name) {
    const auto* found = member(value, name);
    return found != nullptr && found->IsObject() ? found : nullptr;
}

std::string_view text(const rapidjson::Value* value, const char* name) {
    const auto* found = member(value, name);
    if (found == nullptr || !found->IsString()) {
        return {};
    }
    return {found->GetString(), found->GetStringLength()};
}

std::optional<long long> integer(const rapidjson::Value* value, const char* name) {
    const auto* found = member(value, name);
    if (found == nullptr) {
        return std::nullopt;
    }
    if (found->IsInt64()) {
        return static_cast<long long>(found->GetInt64());
    }
    if (found->IsString()) {
        const std::string_view digits(found->GetString(), found->GetStringLength());
        if (digits.empty() || digits.size() > 18) {
            return std::nullopt;
        }
        long long result = 0;
        for (const char c : digits) {
            if (c < '0' || c > '9') {
                return std::nullopt;
            }
            result = result * 10 + (c - '0');
        }
        return result;
    }
    return std::nullopt;
}

bool is_true(const rapidjson::Value* value, const char* name) {
    const auto* found = member(value, name);
    return found != nullptr && found->IsBool() && found->GetBool();
}

const rapidjson::Value* first_object(const rapidjson::Value* value, const char* name) {
    const auto* list = array(value, name);
    if (list == nullptr || list->Empty() || !(*list)[0].IsObject()) {
        return nullptr;
    }
    return &(*list)[0];
}

std::string first_error(const rapidjson::Value* errors) {
    if (errors == nullptr || !errors->IsArray() || errors->Empty()) {
        return "no error detail";
    }
    const auto* first = &(*errors)[0];
    const auto code = text(first, "code");
    const auto message = text(first, "message");
    return concat({code, ": ", message});
}

} // namespace vtrguard::carriers::json
