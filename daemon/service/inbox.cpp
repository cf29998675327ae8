#include "inbox_files.hpp"

#include <vtrguard/core/text.hpp>
#include <vtrguard/service/inbox.hpp>

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <sys/stat.h>
#include <system_error>

namespace vtrguard::service {

namespace fs = std::filesystem;

namespace {

constexpr std::chrono::milliseconds k_first_retry{1000};
constexpr std::chrono::milliseconds k_longest_retry{60000};

bool is_in_progress(const std::string& name) {
    return name.starts_with('.') || name.ends_with(".tmp") || name.ends_with(".part");
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

// What a non-regular entry is, in words; nullptr for a regular file or a folder.
const char* odd_kind(mode_t mode) {
    if (S_ISLNK(mode)) {
        return "a symbolic link";
    }
    if (S_ISFIFO(mode)) {
        return "a FIFO";
    }
    if (S_ISSOCK(mode)) {
        return "a socket";
    }
    if (S_ISCHR(mode) || S_ISBLK(mode)) {
        return "a device";
    }
    return nullptr;
}

} // namespace

Inbox::Inbox(fs::path folder, std::chrono::milliseconds settle_time)
    : m_folder(std::move(folder))
    , m_settle_time(settle_time) {}

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

Inbox::Scan Inbox::scan(SteadyTime now) {
    Scan scan;
    std::set<std::string> present;
    std::error_code error;
    fs::directory_iterator it(m_folder, error);
    for (; !error && it != fs::directory_iterator(); it.increment(error)) {
        const fs::path path = it->path();
        const std::string name = path.filename().string();
        present.insert(name);

        struct stat status {};

        // lstat: the entry itself, never what a link points at.
        if (::lstat(path.c_str(), &status) != 0) {
            const std::error_code why(errno, std::generic_category());
            if (m_reported.insert(name).second) {
                scan.warnings.push_back(fmt::format("{}: cannot read its status: {}; left in place",
                                                    core::printable(name),
                                                    why.message()));
            }
            continue;
        }
        if (const char* kind = odd_kind(status.st_mode)) {
            if (auto warning = set_aside(path, kind)) {
                scan.warnings.push_back(std::move(*warning));
            }
            continue;
        }
        if (!S_ISREG(status.st_mode) || is_in_progress(name)) {
            continue;
        }
        const Sighting seen{status.st_ino,
                            status.st_size,
                            std::int64_t{status.st_mtim.tv_sec} * 1000000000
                                + std::int64_t{status.st_mtim.tv_nsec},
                            now};
        auto [sighting, is_new] = m_sightings.try_emplace(name, seen);
        auto& known = sighting->second;
        if (!is_new
            && (known.inode != seen.inode || known.size != seen.size
                || known.modified_ns != seen.modified_ns)) {
            known = seen; // still changing: the settle time starts again
        }
        const auto settled_at = known.since + m_settle_time;
        if (now < settled_at) {
            scan.next_ready = std::min(scan.next_ready.value_or(settled_at), settled_at);
            continue;
        }
        if (const auto retry = m_retries.find(name);
            retry != m_retries.end() && now < retry->second.not_before) {
            scan.next_ready = std::min(scan.next_ready.value_or(retry->second.not_before),
                                       retry->second.not_before);
            continue;
        }
        scan.ready.push_back(path);
    }
    if (error) {
        // Said once until the folder can be listed again; what was listed is still imported.
        if (m_reported.insert(m_folder.string()).second) {
            scan.warnings.push_back(
                fmt::format("cannot list {}: {}", m_folder.string(), error.message()));
        }
    } else {
        m_reported.erase(m_folder.string());
    }
    // Forget what left the folder: a name dropped again later starts afresh.
    const auto gone = [&present](const auto& entry) { return !present.contains(entry.first); };
    std::erase_if(m_sightings, gone);
    std::erase_if(m_retries, gone);
    std::erase_if(m_reported, [&](const std::string& name) {
        return name != m_folder.string() && !present.contains(name);
    });
    std::sort(scan.ready.begin(), scan.ready.end());
    return scan;
}

std::optional<std::string> Inbox::set_aside(const fs::path& entry, std::string_view what) {
    const std::string name = entry.filename().string();
    const fs::path target = free_name(m_folder / "failed", name);
    const std::string why = fmt::format(
        "{} is {}: the inbox reads only regular files and never follows a link", name, what);
    // The .error file first, as in settle(); it describes an entry whose content was never
    // read, so only its owner may read it.
    const auto written = write_private(target.string() + ".error",
                                       why + "\nit was moved here unread\n",
                                       fs::perms::owner_read | fs::perms::owner_write);
    auto moved = written ? move(entry, target) : written;
    if (!moved) {
        if (!m_reported.insert(name).second) {
            return std::nullopt;
        }
        return fmt::format("{}: {}", core::printable(why), moved.error().message);
    }
    return fmt::format("{}; moved to failed/{} unread",
                       core::printable(why),
                       core::printable(target.filename().string()));
}

Result<fs::path> Inbox::settle(const fs::path& file, const Result<orders::ImportReport>& outcome) {
    const bool is_clean = outcome && outcome->errors.empty();
    const fs::path target =
        free_name(m_folder / (is_clean ? "done" : "failed"), file.filename().string());
    if (!is_clean) {
        // The .error file first: a crash between the two steps leaves the file in the inbox,
        // to be imported (idempotently) again. It quotes the file's lines: no one may read it
        // who may not read the file.
        const auto written = write_private(target.string() + ".error",
                                           error_report(file.filename(), outcome),
                                           own_permissions(file));
        if (!written) {
            return tl::unexpected(written.error());
        }
    }
    if (auto moved = move(file, target); !moved) {
        return tl::unexpected(moved.error());
    }
    m_retries.erase(file.filename().string());
    m_sightings.erase(file.filename().string());
    return target;
}

bool Inbox::is_temporary(const Error& error) {
    // The store's errors are the database's (busy, locked, full, I/O); io is the disk's.
    // A file that is wrong is invalid_input.
    return error.code == ErrorCode::store || error.code == ErrorCode::io;
}

std::chrono::milliseconds Inbox::retry_later(const fs::path& file, SteadyTime now) {
    auto& retry = m_retries[file.filename().string()];
    auto pause = k_first_retry;
    for (int doubling = 0; doubling < retry.attempts && pause < k_longest_retry; ++doubling) {
        pause *= 2;
    }
    pause = std::min(pause, k_longest_retry);
    ++retry.attempts;
    retry.not_before = now + pause;
    return pause;
}

} // namespace vtrguard::service
