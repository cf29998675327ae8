#include "number_feed.hpp"

#include <fmt/core.h>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace vtrguard::cli {

InputFile::InputFile(const std::string& path)
    : m_name(path == "-" ? "<stdin>" : path)
    , m_is_stdin(path == "-") {
    m_fd = m_is_stdin ? STDIN_FILENO : ::open(path.c_str(), O_RDONLY | O_CLOEXEC); // NOLINT
    if (m_fd < 0) {
        m_open_errno = errno;
        return;
    }
    m_buffer = std::make_unique<core::FdStreambuf>(m_fd);
}

InputFile::~InputFile() {
    if (m_fd >= 0 && !m_is_stdin) {
        ::close(m_fd);
    }
}

std::string InputFile::open_error() const {
    return std::strerror(m_open_errno);
}

bool NumberFeed::next(NumberLine& out) {
    while (m_reader && m_reader->next(out)) {
        if (!out.problem) {
            return true;
        }
        m_has_problems = true;
        fmt::print(stderr, "vtrguard validate: {}:{}: {}\n", m_source, out.line, *out.problem);
    }
    if (m_next_argument < m_arguments.size()) {
        out.text = m_arguments[m_next_argument++];
        out.line = 0;
        out.problem.reset();
        out.is_fatal = false;
        return true;
    }
    return false;
}

} // namespace vtrguard::cli
