#include <vtrguard/service/inbox.hpp>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <string>

namespace vtrguard::service {

namespace fs = std::filesystem;

namespace {

constexpr auto k_settle_time = std::chrono::milliseconds(500);

bool is_in_progress(const fs::path& file) {
    const std::string name = file.filename().string();
    return name.starts_with('.') || name.ends_with(".tmp") || name.ends_with(".part");
}

// `folder/name`, or `folder/name.N` for the first N that is free: a file is never overwritten.
fs::path free_name(const fs::path& folder, const fs::path& name) {
    fs::path target = folder / name;
    for (int suffix = 1; fs::exists(target); ++suffix) {
        target = folder / (name.string() + "." + std::to_string(suffix));
    }
    return target;
}

std::string error_report(const fs::path& file, const Result<orders::ImportReport>& outcome) {
    if (!outcome) {
        return outcome.error().message + "\nnothing was imported from this file\n";
    }
    std::string text;
    for (const auto& error : outcome->errors) {
        text += orders::format_row_error(file, error) + "\n";
    }
    text += std::to_string(outcome->rows_imported + outcome->rows_unchanged) + " of "
            + std::to_string(outcome->rows_read)
            + " rows imported; the rows above were skipped: fix them and drop the file again\n";
    return text;
}

} // namespace

Inbox::Inbox(fs::path folder)
    : m_folder(std::move(folder)) {}

Result<bool> Inbox::prepare() const {
    std::error_code error;
    for (const auto& folder : {m_folder, m_folder / "done", m_folder / "failed"}) {
        fs::create_directories(folder, error);
        if (error) {
            return fail(ErrorCode::io, folder.string() + ": cannot create: " + error.message());
        }
    }
    return true;
}

std::vector<fs::path> Inbox::pending() const {
    std::vector<fs::path> files;
    std::error_code error;
    const auto now = fs::file_time_type::clock::now();
    for (const auto& entry : fs::directory_iterator(m_folder, error)) {
        std::error_code entry_error;
        if (!entry.is_regular_file(entry_error) || is_in_progress(entry.path())) {
            continue;
        }
        const auto modified = entry.last_write_time(entry_error);
        if (entry_error || now - modified < k_settle_time) {
            continue;
        }
        files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

Result<fs::path> Inbox::settle(const fs::path& file,
                               const Result<orders::ImportReport>& outcome) const {
    const bool is_clean = outcome && outcome->errors.empty();
    const fs::path target = free_name(m_folder / (is_clean ? "done" : "failed"), file.filename());
    if (!is_clean) {
        // The .error file first: a crash between the two steps leaves the file in the inbox,
        // to be imported (idempotently) again.
        std::ofstream report(target.string() + ".error", std::ios::binary | std::ios::trunc);
        report << error_report(file.filename(), outcome);
        if (!report) {
            return fail(ErrorCode::io, target.string() + ".error: cannot write");
        }
    }
    std::error_code error;
    fs::rename(file, target, error);
    if (error) {
        return fail(ErrorCode::io,
                    file.string() + ": cannot move to " + target.string() + ": " + error.message());
    }
    return target;
}

} // namespace vtrguard::service
