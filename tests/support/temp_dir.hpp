#pragma once

#include <filesystem>
#include <string>

namespace vtrguard::test {

// A fresh directory under the system temp folder, removed when the test passes and kept, with
// its path printed, when it fails, so the files a failing test left behind can be inspected.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    TempDir(TempDir&&) = delete;
    TempDir& operator=(TempDir&&) = delete;

    const std::filesystem::path& path() const { return m_path; }

    std::filesystem::path operator/(const std::string& name) const { return m_path / name; }

    // Writes `content` to `name` inside the directory and returns the full path.
    std::filesystem::path write(const std::string& name, const std::string& content) const;

private:
    std::filesystem::path m_path;
};

std::string read_file(const std::filesystem::path& path);

} // namespace vtrguard::test
