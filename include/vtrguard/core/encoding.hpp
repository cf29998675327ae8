#pragma once

#include <vtrguard/core/result.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace vtrguard::core {

// Text encodings an input file may use. Everything inside vtrguard is UTF-8; the others are
// decoded on the way in (docs/cli.md, "Encodings").
enum class Encoding : std::uint8_t {
    utf8,
    utf16, // UTF-16 whose byte-order mark decides the order; little-endian without one
    utf16le,
    utf16be,
    gb18030, // also GBK and GB2312, which it extends: what Chinese ERPs export
    latin1,  // ISO-8859-1
};

// `utf-8`, `utf-16`, `utf-16le`, `utf-16be`, `gb18030` (or `gbk`, `gb2312`), `latin1` (or
// `iso-8859-1`), in any case, with or without the dash; nullopt for anything else.
std::optional<Encoding> parse_encoding(std::string_view name);

// The canonical name, as `--encoding` takes it.
std::string_view encoding_name(Encoding encoding);

// What the first bytes of a file say about its encoding. Pure: takes bytes, no I/O, so a
// fuzz target can drive it.
struct EncodingGuess {
    Encoding encoding = Encoding::utf8;
    std::size_t bom_size = 0; // bytes of a byte-order mark to drop
    bool is_certain = true;   // a byte-order mark, or valid UTF-8
    // When the bytes are not UTF-8 but read as another encoding: its name, for the message.
    std::optional<Encoding> likely;
};

// Looks at `head`, the first bytes of a file (a sequence cut at its end is not an error unless
// `is_whole_file`). A byte-order mark decides; otherwise UTF-8 when the bytes are valid UTF-8
// or explained by no other encoding (single bad bytes stay for the row checks to name);
// otherwise `likely` names UTF-16 without a byte-order mark or GB18030.
EncodingGuess guess_encoding(std::string_view head, bool is_whole_file);

// The encoding to read a file in: `declared` when given (its byte-order mark dropped), else
// the guess. Fails with ErrorCode::invalid_input and a message naming `source` and the likely
// encoding when the file is not UTF-8 and no encoding was declared.
Result<EncodingGuess> choose_encoding(std::string_view head,
                                      bool is_whole_file,
                                      std::optional<Encoding> declared,
                                      std::string_view source);

} // namespace vtrguard::core
