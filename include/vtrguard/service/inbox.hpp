#pragma once

#include <vtrguard/core/result.hpp>
#include <vtrguard/orders/import.hpp>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <sys/types.h>
#include <vector>

namespace vtrguard::service {

// The folder where other programs drop order files (docs/operations.md). A file is imported,
// then moved to `done/`, or to `failed/` with `NAME.error` beside it naming each bad line and
// why. A file is never deleted. The inbox trusts nothing it finds:
// - only regular files are read; a symbolic link (or a FIFO, a socket, a device) is moved
//   aside to `failed/` unread, with a warning;
// - a file is taken only once its size and modification time have stayed unchanged for the
//   settle time, so one still being written is not imported half (names starting with '.' or
//   ending in .tmp or .part are never taken: write under one and rename it into place);
// - an entry that cannot be read or moved is reported once and never blocks the others;
// - a file whose import failed for a passing reason (database busy, disk full, I/O) stays in
//   the inbox and is tried again after a growing pause.
// Not thread-safe: the daemon's loop alone uses it.
class Inbox {
public:
    using SteadyTime = std::chrono::steady_clock::time_point;

    static constexpr std::chrono::milliseconds k_default_settle_time{1000};

    Inbox(std::filesystem::path folder,
          std::chrono::milliseconds settle_time = k_default_settle_time);

    // Creates the folder and its done/ and failed/ folders.
    Result<bool> prepare() const;

    // What one look at the folder found.
    struct Scan {
        std::vector<std::filesystem::path> ready; // to import now, oldest name first
        std::vector<std::string> warnings;        // entries set aside or unreadable, each once
        std::optional<SteadyTime> next_ready;     // when a file still settling may be ready
    };

    // Lists the folder at `now` without following links and without throwing; moves links
    // and other non-regular entries to failed/.
    Scan scan(SteadyTime now);

    // Moves `file` where `outcome` sends it and writes the .error file; returns the new path.
    Result<std::filesystem::path> settle(const std::filesystem::path& file,
                                         const Result<orders::ImportReport>& outcome);

    // Whether a failed import says nothing about the file (the database was busy or locked,
    // the disk full, an I/O error), so that it is tried again rather than sent to failed/.
    static bool is_temporary(const Error& error);

    // Keeps `file` in the inbox and holds it back from scans for a pause that doubles with
    // each try (1 s, 2 s, 4 s … up to 1 min); returns the pause.
    std::chrono::milliseconds retry_later(const std::filesystem::path& file, SteadyTime now);

    const std::filesystem::path& folder() const { return m_folder; }

private:
    // What a regular file looked like when first seen so.
    struct Sighting {
        ino_t inode = 0;
        off_t size = 0;
        std::int64_t modified_ns = 0;
        SteadyTime since;
    };

    struct Retry {
        int attempts = 0;
        SteadyTime not_before;
    };

    // Moves a non-regular entry to failed/ unread; returns the warning to log, if not said yet.
    std::optional<std::string> set_aside(const std::filesystem::path& entry, std::string_view what);

    std::filesystem::path m_folder;
    std::chrono::milliseconds m_settle_time;
    std::map<std::string, Sighting> m_sightings;
    std::map<std::string, Retry> m_retries;
    std::set<std::string> m_reported; // entries whose trouble was already said
};

} // namespace vtrguard::service
