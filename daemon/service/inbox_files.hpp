#pragma once

#include <vtrguard/core/result.hpp>

#include <filesystem>
#include <string>
#include <string_view>

namespace vtrguard::service {

// File steps of the inbox that never throw and never follow a symbolic link.

// `folder/NAME`, or `folder/NAME.N` for the first N that is free (and NAME.error with it), where
// NAME is `name` cut (at a UTF-8 boundary) short enough that NAME.N.error still fits the file
// system's limit on a name: a file is never overwritten, and a long name never stops the inbox.
std::filesystem::path free_name(const std::filesystem::path& folder, std::string_view name);

// Creates `path` (never over an existing file or through a link) holding `text`, readable by
// no one the file it describes does not let read it: its permission bits are `like`'s,
// without execute.
Result<bool> write_private(const std::filesystem::path& path,
                           std::string_view text,
                           std::filesystem::perms like);

// The permission bits of `file` itself (a link's own, never its target's); owner read and
// write only when they cannot be read.
std::filesystem::perms own_permissions(const std::filesystem::path& file);

// Moves `file` (a link itself, never its target) to `target`.
Result<bool> move(const std::filesystem::path& file, const std::filesystem::path& target);

} // namespace vtrguard::service
