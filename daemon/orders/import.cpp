#include "columns.hpp"

#include <vtrguard/core/text_stream.hpp>
#include <vtrguard/orders/import.hpp>
#include <vtrguard/orders/record_reader.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <istream>

namespace vtrguard::orders {

namespace {

// Looks at the first line only: Amazon's reports are tab-separated and name `order-id`.
ImportFormat detect_format(std::string_view text) {
    const auto first_line = text.substr(0, std::min(text.find('\n'), std::size_t{4096}));
    if (first_line.find('\t') != std::string_view::npos
        && first_line.find("order-id") != std::string_view::npos) {
        return ImportFormat::amazon_unshipped;
    }
    return ImportFormat::csv;
}

} // namespace

std::optional<ImportFormat> parse_import_format(std::string_view name) {
    if (name == "amazon-unshipped") {
        return ImportFormat::amazon_unshipped;
    }
    if (name == "csv") {
        return ImportFormat::csv;
    }
    return std::nullopt;
}

std::string_view import_format_name(ImportFormat format) {
    return format == ImportFormat::amazon_unshipped ? "amazon-unshipped" : "csv";
}

std::string format_row_error(const std::filesystem::path& path, const RowError& error) {
    return fmt::format("{}:{}: {}: {}", path.string(), error.line, error.column, error.why);
}

Result<ImportReport> import_file(store::Store& store,
                                 const std::filesystem::path& path,
                                 std::optional<ImportFormat> format,
                                 core::TimePoint now,
                                 std::optional<core::Encoding> encoding) {
    const auto where = path.string();
    std::error_code error;
    if (std::filesystem::is_directory(path, error)) {
        return fail(ErrorCode::invalid_input, fmt::format("{}: is a folder", where));
    }
    std::filebuf file;
    if (file.open(path, std::ios::in | std::ios::binary) == nullptr) {
        return fail(ErrorCode::invalid_input, fmt::format("{}: cannot open the file", where));
    }
    return import_text(store, file, where, format, now, encoding);
}

Result<ImportReport> import_text(store::Store& store,
                                 std::streambuf& raw,
                                 const std::string& where,
                                 std::optional<ImportFormat> format,
                                 core::TimePoint now,
                                 std::optional<core::Encoding> encoding) {
    auto text = core::TextStreambuf::open(raw, encoding, where);
    if (!text) {
        return tl::unexpected(text.error());
    }
    const ImportFormat chosen = format ? *format : detect_format((*text)->peek_buffered());
    const bool is_amazon = chosen == ImportFormat::amazon_unshipped;
    std::istream in(text->get());
    RecordReader reader(in, is_amazon ? '\t' : ',', !is_amazon, k_max_line_bytes);

    Record record;
    if (!reader.next(record)) {
        return fail(ErrorCode::invalid_input, fmt::format("{}: empty file, no header", where));
    }
    if (record.error) {
        return fail(ErrorCode::invalid_input,
                    fmt::format("{}:{}: header: {}", where, record.line, *record.error));
    }
    auto map = map_header(record, chosen);
    if (!map) {
        return fail(ErrorCode::invalid_input, fmt::format("{}:{}", where, map.error().message));
    }

    auto transaction = store::Transaction::begin(store);
    if (!transaction) {
        return fail(ErrorCode::store, fmt::format("{}: {}", where, transaction.error().message));
    }
    ImportReport report;
    while (reader.next(record)) {
        if (record.is_fatal) {
            return fail(
                ErrorCode::invalid_input,
                fmt::format("{}:{}: {}; nothing imported", where, record.line, *record.error));
        }
        ++report.rows_read;
        auto patch = parse_row(record, *map);
        if (!patch) {
            report.errors.push_back(std::move(patch.error()));
            continue;
        }
        auto outcome = store.upsert(*patch, now);
        if (!outcome) {
            return fail(ErrorCode::store,
                        fmt::format("{}:{}: {}", where, record.line, outcome.error().message));
        }
        if (*outcome == store::UpsertOutcome::unchanged) {
            ++report.rows_unchanged;
        } else {
            ++report.rows_imported;
        }
    }
    auto committed = transaction->commit();
    if (!committed) {
        return fail(ErrorCode::store, fmt::format("{}: {}", where, committed.error().message));
    }
    return report;
}

} // namespace vtrguard::orders
