#pragma once

#include <vtrguard/core/result.hpp>
#include <vtrguard/orders/import.hpp>

#include <filesystem>
#include <vector>

namespace vtrguard::service {

// The folder where other programs drop order files. A file is imported, then moved to `done/`,
// or to `failed/` with `NAME.error` beside it naming each bad line and why. A file is never
// deleted. Writers should write under a name starting with '.' (or ending in .tmp or .part)
// and rename it into place; a file modified in the last half second is left for the next scan.
class Inbox {
public:
    explicit Inbox(std::filesystem::path folder);

    // Creates the folder and its done/ and failed/ folders.
    Result<bool> prepare() const;

    // Files ready to import, oldest name first.
    std::vector<std::filesystem::path> pending() const;

    // Moves `file` where `outcome` sends it and writes the .error file; returns the new path.
    Result<std::filesystem::path> settle(const std::filesystem::path& file,
                                         const Result<orders::ImportReport>& outcome) const;

    const std::filesystem::path& folder() const { return m_folder; }

private:
    std::filesystem::path m_folder;
};

} // namespace vtrguard::service
