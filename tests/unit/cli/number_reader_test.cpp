#include "cli/number_source.hpp"

#include <vtrguard/core/text_stream.hpp>

#include <doctest/doctest.h>

#include <unistd.h>

#include <array>
#include <sstream>
#include <string>
#include <vector>

using vtrguard::cli::k_max_line_bytes;
using vtrguard::cli::NumberLine;
using vtrguard::cli::NumberReader;

namespace {

std::vector<NumberLine> read_lines(std::streambuf& in,
                                   std::size_t max_skip_bytes = vtrguard::cli::k_max_skip_bytes) {
    NumberReader reader(in, max_skip_bytes);
    std::vector<NumberLine> lines;
    NumberLine line;
    while (reader.next(line)) {
        lines.push_back(line);
    }
    return lines;
}

// Feeds `text` through a real pipe, as stdin does, read with read(2) in 64 KiB blocks.
std::vector<NumberLine> read_through_pipe(const std::string& text) {
    std::array<int, 2> fds{};
    REQUIRE(::pipe(fds.data()) == 0);
    REQUIRE(::write(fds[1], text.data(), text.size()) == static_cast<ssize_t>(text.size()));
    ::close(fds[1]);
    vtrguard::core::FdStreambuf raw(fds[0]);
    auto lines = read_lines(raw);
    ::close(fds[0]);
    return lines;
}

} // namespace

TEST_CASE("number reader: a short input is read intact, the buffer owned by each line") {
    // The numbers once pointed into a 15-byte string that had been moved away.
    for (const std::string number : {"986578788855", "RB123456785GB", "1"}) {
        CAPTURE(number);
        const auto lines = read_through_pipe(number + "\n");
        REQUIRE(lines.size() == 1);
        CHECK(lines[0].text == number);
        CHECK(lines[0].line == 1);
        CHECK_FALSE(lines[0].problem);
    }
}

TEST_CASE("number reader: comments, blank lines, CRLF and a byte-order mark") {
    std::stringbuf in(
        "\xEF\xBB\xBF# batch\r\n1Z5R89390357567127\r\n\r\n  \n9400111206206406260787");
    const auto lines = read_lines(in);
    REQUIRE(lines.size() == 2);
    CHECK(lines[0].text == "1Z5R89390357567127");
    CHECK(lines[0].line == 2);
    CHECK(lines[1].text == "9400111206206406260787");
    CHECK(lines[1].line == 5);
}

TEST_CASE("number reader: an overlong line and a binary line are problems, the rest is read") {
    std::string text = "A1\n" + std::string(k_max_line_bytes + 1, '7') + "\nB";
    text.push_back('\0');
    text += "C\nD4\n";
    std::stringbuf bytes(text);
    const auto lines = read_lines(bytes);
    REQUIRE(lines.size() == 4);
    CHECK(lines[0].text == "A1");
    REQUIRE(lines[1].problem);
    CHECK(lines[1].problem->find("4097 bytes") != std::string::npos);
    CHECK_FALSE(lines[1].is_fatal);
    REQUIRE(lines[2].problem);
    CHECK(lines[2].problem->find("NUL") != std::string::npos);
    CHECK(lines[3].text == "D4");
    CHECK(lines[3].line == 4);
}

TEST_CASE("number reader: input with no line break past the limit stops the reading") {
    // What /dev/zero gives: the reading must end, with a fatal problem on line 1.
    constexpr std::size_t k_skip = 100000;
    std::stringbuf in(std::string(k_max_line_bytes + k_skip + 10, '\0') + "\nA1\n");
    const auto lines = read_lines(in, k_skip);
    REQUIRE(lines.size() == 1);
    CHECK(lines[0].line == 1);
    CHECK(lines[0].is_fatal);
    REQUIRE(lines[0].problem);
    CHECK(lines[0].problem->find("stopped reading") != std::string::npos);
}
