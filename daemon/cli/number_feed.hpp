#pragma once

#include "number_source.hpp"

#include <vtrguard/core/text_stream.hpp>

#include <memory>
#include <string>
#include <vector>

namespace vtrguard::cli {

// A number list's file, or stdin for `-`, opened for reading with read(2).
class InputFile {
public:
    explicit InputFile(const std::string& path);
    ~InputFile();
    InputFile(const InputFile&) = delete;
    InputFile& operator=(const InputFile&) = delete;
    InputFile(InputFile&&) = delete;
    InputFile& operator=(InputFile&&) = delete;

    bool is_open() const { return m_fd >= 0; }

    // strerror of the failed open.
    std::string open_error() const;

    // "<stdin>" or the path, for messages.
    const std::string& name() const { return m_name; }

    std::streambuf& buffer() { return *m_buffer; }

    // errno of a failed read, 0 when none failed.
    int read_error() const { return m_buffer ? m_buffer->error() : 0; }

private:
    std::string m_name;
    int m_fd = -1;
    int m_open_errno = 0;
    bool m_is_stdin = false;
    std::unique_ptr<core::FdStreambuf> m_buffer;
};

// The numbers `validate` checks: the lines of the input text (when there is one), then the
// command-line arguments. Problems with lines are printed to stderr as `SOURCE:LINE: why` as
// they are met, so nothing accumulates.
class NumberFeed {
public:
    NumberFeed(std::streambuf* text, const std::vector<std::string>& arguments, std::string source)
        : m_arguments(arguments)
        , m_source(std::move(source)) {
        if (text != nullptr) {
            m_reader = std::make_unique<NumberReader>(*text);
        }
    }

    // The next number; false when none is left.
    bool next(NumberLine& out);

    bool has_problems() const { return m_has_problems; }

private:
    std::unique_ptr<NumberReader> m_reader;
    const std::vector<std::string>& m_arguments;
    std::size_t m_next_argument = 0;
    std::string m_source;
    bool m_has_problems = false;
};

} // namespace vtrguard::cli
