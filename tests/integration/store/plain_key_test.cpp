#include <vtrguard/store/sweep_rows.hpp>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <doctest/doctest.h>

#include <array>
#include <string>

using namespace vtrguard;

TEST_CASE("store: is_plain_key agrees with the SQL expression the index is built on") {
    // The sweep trusts the index only because C++ and SQL compute the same key.
    SQLite::Database database(":memory:", SQLite::OPEN_READWRITE);
    SQLite::Statement plain(database, "SELECT upper(replace(replace(?, ' ', ''), '-', ''))");
    const std::array<std::string, 8> numbers{"1Z5R89390357567127",
                                             "1z5r 8939-0357 567127",
                                             " -a- ",
                                             "a\tb",
                                             "\xEF\xBC\x91Z",
                                             "stra\xC3\x9F"
                                             "e",
                                             "",
                                             "--"};
    for (const auto& number : numbers) {
        plain.reset();
        plain.bind(1, number);
        REQUIRE(plain.executeStep());
        const std::string key = plain.getColumn(0).getString();
        CAPTURE(number);
        CHECK(store::is_plain_key(number, key));
        CHECK_FALSE(store::is_plain_key(number, key + "X"));
        if (!key.empty()) {
            CHECK_FALSE(store::is_plain_key(number, key.substr(1)));
        }
    }
}
