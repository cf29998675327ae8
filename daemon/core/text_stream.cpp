#include <vtrguard/core/text_stream.hpp>

#include <iconv.h>
#include <unistd.h>

#include <cerrno>

namespace vtrguard::core {

namespace {

// One block of raw input: the head read to choose the encoding, then each refill.
constexpr std::size_t k_block = std::size_t{1} << 16U;

// A byte that is never valid UTF-8: stands for a byte the file's encoding does not allow.
constexpr char k_undecodable = '\xFF';

const char* iconv_name(Encoding encoding) {
    switch (encoding) {
    case Encoding::utf16le:
        return "UTF-16LE";
    case Encoding::utf16be:
        return "UTF-16BE";
    case Encoding::gb18030:
        return "GB18030";
    case Encoding::latin1:
        return "ISO-8859-1";
    case Encoding::utf8:
    case Encoding::utf16: // resolved to LE or BE by choose_encoding
        return nullptr;
    }
    return nullptr;
}

} // namespace

TextStreambuf::TextStreambuf(std::streambuf& raw, Encoding encoding)
    : m_raw(raw)
    , m_encoding(encoding)
    , m_in(k_block) {
    if (const char* name = iconv_name(encoding)) {
        iconv_t handle = iconv_open("UTF-8", name);
        // glibc always has these converters; without one the text passes through as UTF-8.
        if (handle != reinterpret_cast<iconv_t>(-1)) { // NOLINT: iconv's documented failure
            m_iconv = handle;
            m_out.resize(4 * k_block);
        }
    }
}

TextStreambuf::~TextStreambuf() {
    if (m_iconv != nullptr) {
        iconv_close(m_iconv);
    }
}

Result<std::unique_ptr<TextStreambuf>> TextStreambuf::open(std::streambuf& raw,
                                                           std::optional<Encoding> declared,
                                                           std::string_view source) {
    std::vector<char> head(k_block);
    const auto count = raw.sgetn(head.data(), static_cast<std::streamsize>(head.size()));
    const auto size = static_cast<std::size_t>(std::max<std::streamsize>(count, 0));
    const std::string_view bytes(head.data(), size);
    auto chosen = choose_encoding(bytes, size < head.size(), declared, source);
    if (!chosen) {
        return tl::unexpected(chosen.error());
    }
    std::unique_ptr<TextStreambuf> text(new TextStreambuf(raw, chosen->encoding));
    text->m_in = std::move(head);
    text->m_in_begin = chosen->bom_size;
    text->m_in_end = size;
    text->m_is_raw_done = size == 0;
    return text;
}

bool TextStreambuf::refill_input() {
    if (m_is_raw_done) {
        return false;
    }
    // Keep the bytes of a character cut by the end of the last block.
    const std::size_t kept = m_in_end - m_in_begin;
    std::copy(m_in.begin() + static_cast<std::ptrdiff_t>(m_in_begin),
              m_in.begin() + static_cast<std::ptrdiff_t>(m_in_end),
              m_in.begin());
    m_in_begin = 0;
    m_in_end = kept;
    const auto count =
        m_raw.sgetn(m_in.data() + kept, static_cast<std::streamsize>(k_block - kept));
    if (count <= 0) {
        m_is_raw_done = true;
        return false;
    }
    m_in_end += static_cast<std::size_t>(count);
    return true;
}

std::size_t TextStreambuf::decode_into_output() {
    char* in = m_in.data() + m_in_begin;
    std::size_t in_left = m_in_end - m_in_begin;
    char* out = m_out.data();
    std::size_t out_left = m_out.size();
    const bool is_utf16 = m_encoding == Encoding::utf16le || m_encoding == Encoding::utf16be;
    while (in_left > 0 && out_left >= 8) {
        if (iconv(m_iconv, &in, &in_left, &out, &out_left) != static_cast<size_t>(-1)) {
            break;
        }
        const int error = errno;
        if (error == E2BIG || (error == EINVAL && !m_is_raw_done)) {
            break; // the output is full, or a character continues in the next block
        }
        // A byte the encoding does not allow, or a character cut by the end of the file.
        const std::size_t skipped = std::min<std::size_t>(is_utf16 ? 2 : 1, in_left);
        in += skipped;
        in_left -= skipped;
        *out++ = k_undecodable;
        --out_left;
    }
    m_in_begin = static_cast<std::size_t>(in - m_in.data());
    return static_cast<std::size_t>(out - m_out.data());
}

std::string_view TextStreambuf::peek_buffered() {
    if (traits_type::eq_int_type(sgetc(), traits_type::eof())) {
        return {};
    }
    return {gptr(), static_cast<std::size_t>(egptr() - gptr())};
}

TextStreambuf::int_type TextStreambuf::underflow() {
    if (gptr() < egptr()) {
        return traits_type::to_int_type(*gptr());
    }
    while (true) {
        if (m_iconv == nullptr) {
            if (m_in_begin < m_in_end) {
                setg(m_in.data() + m_in_begin, m_in.data() + m_in_begin, m_in.data() + m_in_end);
                m_in_begin = m_in_end;
                return traits_type::to_int_type(*gptr());
            }
        } else if (m_in_begin < m_in_end) {
            const std::size_t decoded = decode_into_output();
            if (decoded > 0) {
                setg(m_out.data(), m_out.data(), m_out.data() + decoded);
                return traits_type::to_int_type(*gptr());
            }
        }
        if (!refill_input() && m_in_begin == m_in_end) {
            return traits_type::eof();
        }
    }
}

FdStreambuf::int_type FdStreambuf::underflow() {
    if (gptr() < egptr()) {
        return traits_type::to_int_type(*gptr());
    }
    while (true) {
        const ssize_t count = ::read(m_fd, m_buffer.data(), m_buffer.size());
        if (count > 0) {
            setg(m_buffer.data(), m_buffer.data(), m_buffer.data() + count);
            return traits_type::to_int_type(*gptr());
        }
        if (count < 0 && errno == EINTR) {
            continue;
        }
        m_error = count < 0 ? errno : 0;
        return traits_type::eof();
    }
}

} // namespace vtrguard::core
