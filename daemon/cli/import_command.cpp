#include "commands.hpp"
#include "store_options.hpp"

#include <vtrguard/cli/exit_codes.hpp>
#include <vtrguard/core/encoding.hpp>
#include <vtrguard/orders/import.hpp>

#include <fmt/core.h>

#include <algorithm>
#include <memory>
#include <vector>

namespace vtrguard::cli {

namespace {

struct ImportOptions {
    StoreOptions store;
    std::string format;
    std::string encoding;
    std::vector<std::string> files;
};

int run_import(const ImportOptions& options) {
    auto config = effective_config(options.store);
    if (!config) {
        return report_error("import", config.error());
    }
    auto store = open_store(*config);
    if (!store) {
        return report_error("import", store.error());
    }
    std::optional<orders::ImportFormat> format;
    if (!options.format.empty()) {
        format = orders::parse_import_format(options.format);
    }
    std::optional<core::Encoding> encoding;
    if (!options.encoding.empty()) {
        encoding = core::parse_encoding(options.encoding);
        if (!encoding) {
            fmt::print(stderr,
                       "vtrguard import: --encoding: unknown encoding \"{}\"; known: utf-8, "
                       "utf-16, utf-16le, utf-16be, gb18030, latin1\n",
                       options.encoding);
            return k_exit_usage;
        }
    }
    const core::SystemClock clock;
    int exit_code = k_exit_ok;
    for (const auto& file : options.files) {
        auto report = orders::import_file(*store, file, format, clock.now(), encoding);
        if (!report) {
            exit_code = std::max(exit_code, report_error("import", report.error()));
            continue;
        }
        for (const auto& error : report->errors) {
            fmt::print(stderr, "{}\n", orders::format_row_error(file, error));
        }
        fmt::print("{}: {} rows read, {} imported, {} unchanged, {} rejected\n",
                   file,
                   report->rows_read,
                   report->rows_imported,
                   report->rows_unchanged,
                   report->errors.size());
        if (!report->errors.empty()) {
            exit_code = std::max(exit_code, k_exit_findings);
        }
    }
    return exit_code;
}

} // namespace

void add_import_command(CLI::App& app, int& exit_code) {
    auto options = std::make_shared<ImportOptions>();
    auto* command = app.add_subcommand(
        "import",
        "Import orders from Amazon Unshipped Orders reports or CSV files, one transaction per "
        "file.\nExit 0: all rows imported; 1: some rows rejected; 2: a file unreadable; "
        "3: configuration; 4: database.");
    add_store_options(*command, options->store);
    command
        ->add_option("--format",
                     options->format,
                     "amazon-unshipped or csv; detected from the header when absent")
        ->check(CLI::IsMember({"amazon-unshipped", "csv"}));
    command->add_option("--encoding",
                        options->encoding,
                        "The files' text encoding: utf-8 (default), utf-16, utf-16le, "
                        "utf-16be, gb18030 (GBK), latin1");
    command->add_option("files", options->files, "Files to import")->required();
    command->callback([options, &exit_code] { exit_code = run_import(*options); });
}

} // namespace vtrguard::cli
