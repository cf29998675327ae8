#include <vtrguard/core/encoding.hpp>
#include <vtrguard/core/text_stream.hpp>

#include <doctest/doctest.h>

#include <sstream>
#include <string>

using namespace vtrguard::core;

namespace {

// 运单号 (tracking number) in GBK/GB18030, as a Chinese ERP exports it.
const std::string k_gbk_label = "\xD4\xCB\xB5\xA5\xBA\xC5";
const std::string k_utf8_label = "\xE8\xBF\x90\xE5\x8D\x95\xE5\x8F\xB7";

std::string decode(const std::string& bytes, std::optional<Encoding> declared) {
    std::stringbuf raw(bytes);
    auto text = TextStreambuf::open(raw, declared, "t.csv");
    REQUIRE(text);
    std::ostringstream out;
    out << (*text).get();
    return out.str();
}

std::string utf16le(std::string_view ascii) {
    std::string out;
    for (const char c : ascii) {
        out.push_back(c);
        out.push_back('\0');
    }
    return out;
}

} // namespace

TEST_CASE("encoding names: the documented spellings, in any case") {
    CHECK(parse_encoding("utf-8") == Encoding::utf8);
    CHECK(parse_encoding("UTF8") == Encoding::utf8);
    CHECK(parse_encoding("GB18030") == Encoding::gb18030);
    CHECK(parse_encoding("gbk") == Encoding::gb18030);
    CHECK(parse_encoding("utf-16") == Encoding::utf16);
    CHECK(parse_encoding("utf-16le") == Encoding::utf16le);
    CHECK(parse_encoding("ISO-8859-1") == Encoding::latin1);
    CHECK(parse_encoding("latin1") == Encoding::latin1);
    CHECK_FALSE(parse_encoding("ebcdic"));
    CHECK(encoding_name(Encoding::gb18030) == "gb18030");
}

TEST_CASE("encoding guess: a byte-order mark decides, GB18030 and BOM-less UTF-16 are named") {
    CHECK(guess_encoding("1Z5R89390357567127\n", true).encoding == Encoding::utf8);
    CHECK(guess_encoding("\xFF\xFE" + utf16le("1Z"), true).encoding == Encoding::utf16le);
    CHECK(guess_encoding("\xFE\xFF\0001", true).encoding == Encoding::utf16be);
    const auto gbk = guess_encoding("order_id," + k_gbk_label + "\n", true);
    CHECK(gbk.likely == Encoding::gb18030);
    CHECK(guess_encoding(utf16le("order_id,carrier\n"), true).likely == Encoding::utf16le);
    // A stray bad byte in UTF-8 text is left for the row checks to name.
    CHECK_FALSE(guess_encoding("1Z5R\xFF"
                               "89390357567127\n",
                               true)
                    .likely);
    // NUL padding is binary data, not UTF-16.
    CHECK_FALSE(guess_encoding(std::string(100, '\0'), true).likely);
}

TEST_CASE("encoding choice: undeclared GB18030 is refused with a message naming it") {
    const auto refused = choose_encoding("a," + k_gbk_label + "\n", true, std::nullopt, "x.csv");
    REQUIRE_FALSE(refused);
    CHECK(refused.error().message.find("x.csv: not UTF-8") == 0);
    CHECK(refused.error().message.find("GB18030") != std::string::npos);
    CHECK(refused.error().message.find("--encoding gb18030") != std::string::npos);
}

TEST_CASE("text stream: decodes GB18030, UTF-16 with a byte-order mark and Latin-1 to UTF-8") {
    CHECK(decode("a," + k_gbk_label + "\n", Encoding::gb18030) == "a," + k_utf8_label + "\n");
    CHECK(decode("\xFF\xFE" + utf16le("1Z5R,ok\n"), std::nullopt) == "1Z5R,ok\n");
    CHECK(decode("\xFF\xFE" + utf16le("A1"), Encoding::utf16) == "A1");
    CHECK(decode("caf\xE9", Encoding::latin1) == "caf\xC3\xA9");
    CHECK(decode("\xEF\xBB\xBF"
                 "A1\n",
                 std::nullopt)
          == "A1\n");
    // A byte GB18030 does not allow becomes 0xFF, which the row checks then name.
    CHECK(decode("A\x80"
                 "B",
                 Encoding::gb18030)
          == "A\xFF"
             "B");
}

TEST_CASE("text stream: a character cut by a block boundary is decoded whole") {
    // 65,535 ASCII bytes put the two bytes of one GBK character across the first block's end.
    const std::string prefix(65535, 'x');
    const std::string decoded = decode(prefix + k_gbk_label + "\n", Encoding::gb18030);
    CHECK(decoded == prefix + k_utf8_label + "\n");
}
