#include <vtrguard/carriers/countries.hpp>

#include <doctest/doctest.h>

#include <string>

using namespace vtrguard::carriers;

TEST_CASE("countries: names and the assigned-code test agree") {
    CHECK(country_name("CN") == "China");
    CHECK(is_country_code("CN"));
    CHECK(is_country_code("US"));
    CHECK_FALSE(is_country_code("XX"));
    CHECK_FALSE(is_country_code("cn"));
    CHECK_FALSE(is_country_code("C1"));
    CHECK_FALSE(is_country_code("CNN"));
    CHECK_FALSE(is_country_code(""));
    for (char first = '0'; first <= 'z'; ++first) {
        for (char second = '0'; second <= 'z'; ++second) {
            const std::string code{first, second};
            CHECK_MESSAGE(is_country_code(code) == !country_name(code).empty(), code);
        }
    }
}
