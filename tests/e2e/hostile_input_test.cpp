// The real binary on input that once lost or garbled numbers: short stdin, endless files,
// other encodings, spreadsheet formulas, invisible characters, nothing at all.
#include "support/process.hpp"
#include "support/temp_dir.hpp"

#include <doctest/doctest.h>
#include <rapidjson/document.h>

#include <string>

using vtrguard::test::run_vtrguard;
using vtrguard::test::TempDir;

namespace {

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

// GBK bytes of 运单号： (tracking number:), the label Chinese ERPs put before a number.
const std::string k_gbk_label = "\xD4\xCB\xB5\xA5\xBA\xC5\xA3\xBA";

} // namespace

TEST_CASE("validate: a short number on stdin is read whole, not through a moved buffer") {
    for (const std::string number : {"986578788855", "RB123456785GB"}) {
        CAPTURE(number);
        const auto piped = run_vtrguard({"validate", "--format", "json"}, number + "\n");
        const auto argument = run_vtrguard({"validate", "--format", "json", number});
        CHECK(piped.exit_code == argument.exit_code);
        CHECK(piped.out == argument.out);
        CHECK_FALSE(contains(piped.out, "\\u0000"));
        CHECK(contains(piped.out, "\"input\":\"" + number + "\""));
    }
}

TEST_CASE("validate and import: an endless file stops at the stated limit, naming file and line") {
    const auto validated = run_vtrguard({"validate", "--file", "/dev/zero"});
    CHECK(validated.exit_code == 2);
    CHECK(contains(validated.err, "/dev/zero:1: no line break within"));
    CHECK(contains(validated.err, "stopped reading"));

    const TempDir dir;
    const auto imported = run_vtrguard({"import", "--db", (dir / "v.db").string(), "/dev/zero"});
    CHECK(imported.exit_code == 2);
    CHECK(contains(imported.err, "/dev/zero:1: header: no line break within"));
}

TEST_CASE("validate: no numbers at all is an input error, said on stderr") {
    for (const std::string input : {"", "\n\n", "# only a comment\n"}) {
        CAPTURE(input);
        const auto result = run_vtrguard({"validate"}, input);
        CHECK(result.exit_code == 2);
        CHECK(result.out.empty());
        CHECK(contains(result.err, "no numbers to check in <stdin>"));
    }
}

TEST_CASE("validate --format csv: cells a spreadsheet would run are neutralised") {
    const auto result = run_vtrguard({"validate", "--format", "csv"},
                                     "=HYPERLINK(\"http://x\")\n+SUM(A1)\n@A1\n-1\n");
    CHECK(result.exit_code == 1);
    CHECK(contains(result.out, "\n\"'=HYPERLINK(\"\"http://x\"\")\","));
    CHECK(contains(result.out, "\n'+SUM(A1),"));
    CHECK(contains(result.out, "\n'@A1,"));
    CHECK(contains(result.out, "\n'-1,"));
    CHECK_FALSE(contains(result.out, "\n="));
    CHECK_FALSE(contains(result.out, ",="));
    // A neutralised cell read back validates as the number it holds.
    const auto valid = run_vtrguard({"validate", "'1Z5R89390357567127"});
    CHECK(valid.exit_code == 0);
}

TEST_CASE("validate: a GB18030 file is named, and read with --encoding gb18030") {
    const TempDir dir;
    const auto file = dir.write("gbk.txt", k_gbk_label + "RB123456785CN\r\n");
    const auto refused = run_vtrguard({"validate", "--file", file.string()});
    CHECK(refused.exit_code == 2);
    CHECK(contains(refused.err, "gbk.txt: not UTF-8"));
    CHECK(contains(refused.err, "GB18030"));
    CHECK(contains(refused.err, "--encoding gb18030"));
    CHECK_FALSE(contains(refused.err, "invalid UTF-8 at byte 1"));
    const auto read = run_vtrguard(
        {"validate", "--encoding", "gb18030", "--format", "json", "--file", file.string()});
    CHECK(read.exit_code == 0);
    CHECK(contains(read.out,
                   "\"input\":\"\xE8\xBF\x90\xE5\x8D\x95\xE5\x8F\xB7\xEF\xBC\x9A"
                   "RB123456785CN\""));
    CHECK(run_vtrguard({"validate", "--encoding", "ebcdic", "RB123456785CN"}).exit_code == 2);
}

TEST_CASE("validate: a UTF-16 file with a byte-order mark is decoded, not printed garbled") {
    const TempDir dir;
    std::string utf16 = "\xFF\xFE";
    for (const char c : std::string("1Z5R89390357567127\r\nRB123456785CN\r\n")) {
        utf16.push_back(c);
        utf16.push_back('\0');
    }
    const auto result = run_vtrguard({"validate", "--file", dir.write("u16.txt", utf16).string()});
    CHECK(result.exit_code == 0);
    CHECK(contains(result.out, "1Z5R89390357567127"));
    CHECK(contains(result.out, "RB123456785CN"));
    CHECK_FALSE(contains(result.out, "?"));
}

TEST_CASE("validate: invisible format characters are all dropped alike, and noted") {
    // U+200B zero-width space, U+200F right-to-left mark, U+202E right-to-left override,
    // U+00AD soft hyphen, U+2066 left-to-right isolate.
    for (const std::string mark :
         {"\xE2\x80\x8B", "\xE2\x80\x8F", "\xE2\x80\xAE", "\xC2\xAD", "\xE2\x81\xA6"}) {
        const auto result =
            run_vtrguard({"validate", "--format", "json", "RB1234" + mark + "56785CN"});
        CHECK(result.exit_code == 0);
        rapidjson::Document doc;
        doc.Parse(result.out.c_str());
        REQUIRE_FALSE(doc.HasParseError());
        CHECK(std::string(doc["reason"].GetString()) == "ok");
        CHECK(std::string(doc["normalized"].GetString()) == "RB123456785CN");
        CHECK(doc["invisible_removed"].IsTrue());
    }
    const auto text = run_vtrguard({"validate",
                                    "RB1234\xE2\x80\x8F"
                                    "56785CN"});
    CHECK(contains(text.out, "(invisible characters removed)"));
    const auto plain = run_vtrguard({"validate", "--format", "json", "RB123456785CN"});
    CHECK(contains(plain.out, "\"invisible_removed\":false"));
}

TEST_CASE("validate: the message for a length no carrier has reads as English") {
    const auto result = run_vtrguard({"validate", "--format", "json", "12345"});
    CHECK(result.exit_code == 1);
    CHECK(contains(result.out, "no known carrier's format has that length"));
    CHECK_FALSE(contains(result.out, "no any"));
}
