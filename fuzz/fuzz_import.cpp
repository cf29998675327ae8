// The order import on any file content: the first byte picks the format (detected, Amazon's
// tab-separated report, CSV); the rest is the file, imported into an in-memory SQLite store.

#include <vtrguard/orders/import.hpp>
#include <vtrguard/store/store.hpp>

#include <unistd.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <string>

namespace {

namespace fs = std::filesystem;

// A file per process, so parallel fuzzing jobs do not share one.
const fs::path& input_path() {
    static const fs::path path =
        fs::temp_directory_path() / ("vtrguard-fuzz-import-" + std::to_string(getpid()) + ".csv");
    return path;
}

vtrguard::store::Store& store() {
    static std::unique_ptr<vtrguard::store::Store> opened;
    static std::size_t runs = 0;
    // A fresh database now and then keeps memory flat over millions of runs.
    if (!opened || ++runs % 1000 == 0) {
        opened.reset();
        auto result = vtrguard::store::Store::open(":memory:");
        if (!result) {
            std::abort();
        }
        opened = std::make_unique<vtrguard::store::Store>(std::move(*result));
    }
    return *opened;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using vtrguard::orders::ImportFormat;
    if (size == 0) {
        return 0;
    }
    std::optional<ImportFormat> format;
    if (data[0] % 3 == 1) {
        format = ImportFormat::amazon_unshipped;
    } else if (data[0] % 3 == 2) {
        format = ImportFormat::csv;
    }
    {
        std::ofstream out(input_path(), std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(data + 1), static_cast<std::streamsize>(size - 1));
    }
    const vtrguard::core::TimePoint now{std::chrono::seconds{1'767'225'600}}; // 2026-01-01
    auto report = vtrguard::orders::import_file(store(), input_path(), format, now);
    // Every row is imported, unchanged or named as rejected: never neither.
    if (report
        && report->rows_imported + report->rows_unchanged + report->errors.size()
               < report->rows_read) {
        __builtin_trap();
    }
    return 0;
}
