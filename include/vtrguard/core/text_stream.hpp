#pragma once

#include <vtrguard/core/encoding.hpp>
#include <vtrguard/core/result.hpp>

#include <cstddef>
#include <memory>
#include <streambuf>
#include <string_view>
#include <vector>

namespace vtrguard::core {

// A stream buffer serving a file's text as UTF-8, whatever its encoding, in constant memory:
// UTF-8 passes through; other encodings are decoded by iconv (glibc) a block at a time. A
// byte-order mark is dropped. A byte the encoding does not allow becomes the byte 0xFF, which
// is never valid UTF-8, so the row and number checks name it where it stands.
class TextStreambuf : public std::streambuf {
public:
    ~TextStreambuf() override;
    TextStreambuf(const TextStreambuf&) = delete;
    TextStreambuf& operator=(const TextStreambuf&) = delete;
    TextStreambuf(TextStreambuf&&) = delete;
    TextStreambuf& operator=(TextStreambuf&&) = delete;

    // Reads the head of `raw` to choose the encoding (choose_encoding) and returns the buffer
    // that reads the rest. `raw` must outlive it. Fails when the encoding is not UTF-8 and none
    // was declared, with a message naming `source` and the likely encoding.
    static Result<std::unique_ptr<TextStreambuf>>
    open(std::streambuf& raw, std::optional<Encoding> declared, std::string_view source);

    Encoding encoding() const { return m_encoding; }

    // The decoded text ready to be read, without consuming it (at least the start of the
    // first block at the start of the input); empty at the end.
    std::string_view peek_buffered();

protected:
    int_type underflow() override;

private:
    TextStreambuf(std::streambuf& raw, Encoding encoding);
    bool refill_input();
    std::size_t decode_into_output();

    std::streambuf& m_raw;
    Encoding m_encoding;
    void* m_iconv = nullptr; // iconv_t (a void* in glibc); null for UTF-8
    std::vector<char> m_in;  // raw bytes not yet decoded: [m_in_begin, m_in_end)
    std::size_t m_in_begin = 0;
    std::size_t m_in_end = 0;
    bool m_is_raw_done = false;
    std::vector<char> m_out; // decoded UTF-8 served to the reader
};

// A stream buffer reading a file descriptor (stdin for `-`) with read(2), 64 KiB at a time.
class FdStreambuf : public std::streambuf {
public:
    explicit FdStreambuf(int fd)
        : m_fd(fd)
        , m_buffer(std::size_t{1} << 16U) {}

    // errno of the last failed read, 0 when none failed.
    int error() const { return m_error; }

protected:
    int_type underflow() override;

private:
    int m_fd;
    int m_error = 0;
    std::vector<char> m_buffer;
};

} // namespace vtrguard::core
