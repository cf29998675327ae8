#include <vtrguard/carriers/json_guard.hpp>
#include <vtrguard/carriers/tracking_api.hpp>

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace vtrguard::carriers;

namespace {

rapidjson::Document parsed(const std::string& text) {
    rapidjson::Document document;
    document.Parse<json_guard::k_parse_flags>(text.data(), text.size());
    REQUIRE_FALSE(document.HasParseError());
    return document;
}

std::string nested_arrays(std::size_t depth) {
    return std::string(depth, '[') + std::string(depth, ']');
}

} // namespace

TEST_CASE("json guard: 200,000 nested arrays parse without recursion and are refused") {
    const auto document = parsed(nested_arrays(200'000));
    const auto problem = json_guard::find_shape_problem(document);
    REQUIRE(problem);
    CHECK(problem->find("nested deeper than 32 levels") != std::string::npos);
}

TEST_CASE("json guard: depth up to the limit is fine, one more is not") {
    CHECK_FALSE(json_guard::find_shape_problem(parsed(nested_arrays(32))));
    CHECK(json_guard::find_shape_problem(parsed(nested_arrays(33))));
    CHECK_FALSE(json_guard::find_shape_problem(parsed(nested_arrays(33)), 33));
}

TEST_CASE("json guard: a duplicate key is named with its path") {
    const auto problem = json_guard::find_shape_problem(
        parsed(R"({"carriers":{"ups":{"burst":2,"enabled":true,"burst":3}}})"));
    REQUIRE(problem);
    CHECK(*problem
          == "carriers.ups: the key \"burst\" appears twice (a JSON object keeps one "
             "value per key)");
    const auto in_array =
        json_guard::find_shape_problem(parsed(R"({"carriers":[{},{"code":"a","code":"b"}]})"));
    REQUIRE(in_array);
    CHECK(in_array->starts_with("carriers[1]: the key \"code\""));
    const auto top = json_guard::find_shape_problem(parsed(R"({"a":1,"a":1})"));
    REQUIRE(top);
    CHECK(top->starts_with("the top level: the key \"a\""));
}

TEST_CASE("json guard: equal keys in different objects are not duplicates") {
    CHECK_FALSE(json_guard::find_shape_problem(
        parsed(R"({"ups":{"burst":1},"fedex":{"burst":1},"list":[{"a":1},{"a":2}]})")));
}

TEST_CASE("json guard: a carrier body nested 200,000 deep is a bad response, not a crash") {
    const std::vector<TrackQuery> queries{{"1Z5R89390357567127", ""}};
    for (const char* code : {"ups", "fedex", "usps", "dhl", "17track"}) {
        CAPTURE(code);
        const auto api = make_tracking_api(code);
        REQUIRE(api != nullptr);
        const auto result = api->parse(api->step_count() - 1, 200, nested_arrays(200'000), queries);
        // Some APIs answer per number; either way nothing reads as found.
        if (result) {
            for (const auto& item : *result) {
                CHECK_FALSE(item.result);
            }
        } else {
            CHECK(result.error().kind == ApiErrorKind::bad_response);
        }
    }
    CHECK_FALSE(parse_token_response(200, nested_arrays(200'000)));
}
