#include <vtrguard/orders/record_reader.hpp>

#include <doctest/doctest.h>

#include <sstream>

using namespace vtrguard;

namespace {

std::vector<orders::Record> read_all(const std::string& text, bool is_quoted = true) {
    std::istringstream in(text);
    orders::RecordReader reader(in, is_quoted ? ',' : '\t', is_quoted, 64, 100000);
    std::vector<orders::Record> records;
    orders::Record record;
    while (reader.next(record)) {
        records.push_back(record);
    }
    return records;
}

} // namespace

TEST_CASE("record reader: RFC 4180 quoting, CRLF, BOM and blank lines") {
    const auto records = read_all("\xEF\xBB\xBF"
                                  "a,b\r\n\"x,1\",\"say \"\"hi\"\"\"\r\n\n\"two\nlines\",z\n");
    REQUIRE(records.size() == 3);
    CHECK(records[0].fields == std::vector<std::string>{"a", "b"});
    CHECK(records[1].fields == std::vector<std::string>{"x,1", "say \"hi\""});
    CHECK(records[2].line == 4);
    CHECK(records[2].fields == std::vector<std::string>{"two\nlines", "z"});
}

TEST_CASE("record reader: malformed quoting is reported and the next row still reads") {
    const auto records = read_all("\"a\"b,c\nok,1\n\"never closed,2\n");
    REQUIRE(records.size() == 3);
    CHECK(records[0].error);
    CHECK(records[1].fields == std::vector<std::string>{"ok", "1"});
    REQUIRE(records[2].error);
    CHECK(records[2].error->find("never closes") != std::string::npos);
}

TEST_CASE("record reader: an overlong line is skipped, not stored") {
    const auto records = read_all("a," + std::string(1000, 'x') + "\nb,2\n");
    REQUIRE(records.size() == 2);
    REQUIRE(records[0].error);
    CHECK(records[0].fields.empty());
    CHECK(records[1].line == 2);
    CHECK(records[1].fields == std::vector<std::string>{"b", "2"});
}

TEST_CASE("record reader: tab-separated without quoting") {
    const auto records = read_all("order-id\tname\n1\t\"quoted\" name\n", false);
    REQUIRE(records.size() == 2);
    CHECK(records[1].fields == std::vector<std::string>{"1", "\"quoted\" name"});
}

TEST_CASE("record reader: a quote that never closes costs its own row, not the rows after it") {
    // The quote on line 2 would swallow every following line up to the record limit; the rows
    // it ran over are read again, so each line is a record or an error, never neither.
    std::string text = "id,n\nx,\"oops\n";
    for (int i = 3; i <= 60; ++i) {
        text += "r" + std::to_string(i) + "," + std::to_string(i) + "\n";
    }
    const auto records = read_all(text);
    REQUIRE(records.size() == 60);
    REQUIRE(records[1].error);
    CHECK(records[1].line == 2);
    CHECK(records[1].error->find("field 2 on line 2 never closes") != std::string::npos);
    CHECK(records[1].error->find("reading goes on at line 3") != std::string::npos);
    for (std::size_t i = 2; i < records.size(); ++i) {
        CAPTURE(i);
        CHECK_FALSE(records[i].error);
        CHECK(records[i].line == i + 1);
        CHECK(records[i].fields
              == std::vector<std::string>{"r" + std::to_string(i + 1), std::to_string(i + 1)});
    }
}

TEST_CASE("record reader: a quote closing lines later with text after it: the lines between "
          "are read again") {
    const auto records = read_all("a,\"x\nb,1\nc,\"y\n");
    REQUIRE(records.size() == 3);
    CHECK(records[0].line == 1);
    REQUIRE(records[0].error);
    CHECK(records[0].error->find("text after a closing quote") != std::string::npos);
    CHECK(records[1].line == 2);
    CHECK(records[1].fields == std::vector<std::string>{"b", "1"});
    CHECK(records[2].line == 3);
    REQUIRE(records[2].error);
    CHECK(records[2].error->find("the file ends first") != std::string::npos);
}

TEST_CASE("record reader: no line break within the skip limit stops the reading") {
    std::string text = "a,b\n" + std::string(100200, '\0') + "\nok,1\n";
    const auto records = read_all(text);
    REQUIRE(records.size() == 2);
    CHECK(records[1].line == 2);
    CHECK(records[1].is_fatal);
    REQUIRE(records[1].error);
    CHECK(records[1].error->find("stopped reading") != std::string::npos);
}
