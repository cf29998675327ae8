#include "inbox_files.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <sys/stat.h>
#include <system_error>

namespace vtrguard::service {

namespace fs = std::filesystem;

namespace {

// Room kept under NAME_MAX for a `.N` suffix and `.error`.
constexpr std::size_t k_suffix_room = 16;

// `name` cut to `limit` bytes without splitting a UTF-8 sequence.
std::string_view cut_name(std::string_view name, std::size_t limit) {
    if (name.size() <= limit) {
        return name;
    }
    std::size_t end = limit;
    while (end > 0 && (static_cast<unsigned char>(name[end]) & 0xC0U) == 0x80U) {
        --end;
    }
    return name.substr(0, end);
}

bool is_taken(const fs::path& path) {
    std::error_code error;
    const auto status = fs::symlink_status(path, error);
    // An error other than "not there" (a name still too long, a folder we cannot search)
    // counts as taken, so the next suffix is tried and nothing is overwritten.
    return error ? error != std::errc::no_such_file_or_directory : fs::exists(status);
}

std::error_code last_error() {
    return {errno, std::generic_category()};
}

} // namespace

fs::path free_name(const fs::path& folder, std::string_view name) {
    const std::string base(cut_name(name, NAME_MAX - k_suffix_room));
    fs::path target = folder / base;
    // Bounded: a folder with a million taken suffixes is not worth waiting for.
    const auto is_free = [](const fs::path& path) {
        return !is_taken(path) && !is_taken(path.string() + ".error");
    };
    for (int suffix = 1; !is_free(target) && suffix < 1000000; ++suffix) {
        target = folder / (base + "." + std::to_string(suffix));
    }
    return target;
}

Result<bool> write_private(const fs::path& path, std::string_view text, fs::perms like) {
    const auto mode = static_cast<mode_t>(like
                                          & (fs::perms::owner_read | fs::perms::owner_write
                                             | fs::perms::group_read | fs::perms::group_write
                                             | fs::perms::others_read | fs::perms::others_write));
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
    if (fd < 0) {
        return fail(ErrorCode::io, path.string() + ": cannot create: " + last_error().message());
    }
    // The umask only narrows the mode; fchmod makes it exactly the described file's.
    bool is_written = ::fchmod(fd, mode) == 0;
    std::size_t done = 0;
    while (is_written && done < text.size()) {
        const auto wrote = ::write(fd, text.data() + done, text.size() - done);
        if (wrote < 0 && errno == EINTR) {
            continue;
        }
        is_written = wrote > 0;
        done += is_written ? static_cast<std::size_t>(wrote) : 0;
    }
    const auto write_error = last_error();
    const bool is_closed = ::close(fd) == 0;
    if (!is_written || !is_closed) {
        std::error_code ignored;
        fs::remove(path, ignored);
        return fail(ErrorCode::io, path.string() + ": cannot write: " + write_error.message());
    }
    return true;
}

fs::perms own_permissions(const fs::path& file) {
    std::error_code error;
    const auto status = fs::symlink_status(file, error);
    if (error || fs::is_symlink(status)) {
        return fs::perms::owner_read | fs::perms::owner_write;
    }
    return status.permissions();
}

Result<bool> move(const fs::path& file, const fs::path& target) {
    std::error_code error;
    fs::rename(file, target, error);
    if (error) {
        return fail(ErrorCode::io,
                    file.string() + ": cannot move to " + target.string() + ": " + error.message());
    }
    return true;
}

} // namespace vtrguard::service
