#pragma once

#include <vtrguard/core/clock.hpp>
#include <vtrguard/core/encoding.hpp>
#include <vtrguard/core/result.hpp>
#include <vtrguard/store/store.hpp>

#include <cstddef>
#include <filesystem>
#include <optional>
#include <streambuf>
#include <string>
#include <string_view>
#include <vector>

namespace vtrguard::orders {

enum class ImportFormat : std::uint8_t {
    amazon_unshipped, // Amazon's Unshipped Orders report: tab-separated, `order-id` header
    csv,              // RFC 4180 CSV whose header names our fields (docs/store.md)
};

// `amazon-unshipped` or `csv`; nullopt for anything else.
std::optional<ImportFormat> parse_import_format(std::string_view name);
std::string_view import_format_name(ImportFormat format);

// A row that was skipped, and why.
struct RowError {
    std::size_t line = 0; // 1-based line of the file where the row starts
    std::string column;   // the field at fault, or `row` for the row as a whole
    std::string why;
};

struct ImportReport {
    std::size_t rows_read = 0;      // data rows, good and bad
    std::size_t rows_imported = 0;  // rows that created or changed an order
    std::size_t rows_unchanged = 0; // rows that matched what the store held
    std::vector<RowError> errors;   // rows skipped
};

// Longest line (record) an import reads; longer ones are reported and skipped.
inline constexpr std::size_t k_max_line_bytes = 64 * 1024;

// Imports one file into `store` in one transaction: a crash leaves all of it or none of it.
// Without `format`, a tab-separated header holding `order-id` means amazon-unshipped, else
// csv. Without `encoding`, the text must be UTF-8 or carry a byte-order mark (UTF-16); a file
// that reads as another encoding is refused with a message naming it. Bad rows land in
// ImportReport::errors and the good ones are still imported; importing the same file again
// changes nothing. Errors (unreadable file, unusable header, a line running past 1 MiB,
// store failure) mean nothing was imported: ErrorCode::invalid_input for the file, ::store
// for the database, messages prefixed with `FILE:`.
Result<ImportReport> import_file(store::Store& store,
                                 const std::filesystem::path& path,
                                 std::optional<ImportFormat> format,
                                 core::TimePoint now,
                                 std::optional<core::Encoding> encoding = std::nullopt);

// The same for bytes from any stream buffer (a file, a pipe, memory), named `where` in
// messages; no other I/O than `store`, so a fuzz target can drive it with an in-memory store.
Result<ImportReport> import_text(store::Store& store,
                                 std::streambuf& raw,
                                 const std::string& where,
                                 std::optional<ImportFormat> format,
                                 core::TimePoint now,
                                 std::optional<core::Encoding> encoding = std::nullopt);

// `FILE:LINE: column: why`, as the import command and the inbox `.error` files print it.
std::string format_row_error(const std::filesystem::path& path, const RowError& error);

} // namespace vtrguard::orders
