#include "number_source.hpp"

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

namespace vtrguard::cli {

namespace {

struct FileCloser {
    void operator()(std::FILE* file) const {
        if (file != stdin) {
            std::fclose(file);
        }
    }
};

Result<std::string> read_all(std::FILE* file, const std::string& name) {
    std::string data;
    std::array<char, 1 << 16> chunk{};
    while (true) {
        const std::size_t count = std::fread(chunk.data(), 1, chunk.size(), file);
        data.append(chunk.data(), count);
        if (count < chunk.size()) {
            break;
        }
    }
    if (std::ferror(file) != 0) {
        return fail(ErrorCode::io, name + ": cannot read: " + std::strerror(errno));
    }
    return data;
}

std::string_view trim_line_end(std::string_view line) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) {
        line.remove_suffix(1);
    }
    return line;
}

bool is_skipped(std::string_view line) {
    const auto first = line.find_first_not_of(" \t");
    return first == std::string_view::npos || line[first] == '#';
}

} // namespace

void split_number_lines(NumberList& list) {
    std::string_view rest = list.data;
    if (rest.starts_with("\xEF\xBB\xBF")) {
        rest.remove_prefix(3);
    }
    std::size_t line_number = 0;
    while (!rest.empty()) {
        ++line_number;
        const auto end = rest.find('\n');
        std::string_view line = rest.substr(0, end);
        rest.remove_prefix(end == std::string_view::npos ? rest.size() : end + 1);
        if (line.size() > k_max_line_bytes) {
            list.problems.push_back({line_number,
                                     "line is " + std::to_string(line.size())
                                         + " bytes, over the 4096-byte limit; skipped"});
            continue;
        }
        if (line.find('\0') != std::string_view::npos) {
            list.problems.push_back({line_number, "binary data (a NUL byte); skipped"});
            continue;
        }
        line = trim_line_end(line);
        if (is_skipped(line)) {
            continue;
        }
        list.numbers.push_back({line, line_number});
    }
}

Result<NumberList> read_number_file(const std::string& path) {
    NumberList list;
    list.source = path == "-" ? "<stdin>" : path;
    std::unique_ptr<std::FILE, FileCloser> file(path == "-" ? stdin
                                                            : std::fopen(path.c_str(), "rb"));
    if (!file) {
        return fail(ErrorCode::io, path + ": cannot open: " + std::strerror(errno));
    }
    auto data = read_all(file.get(), list.source);
    if (!data) {
        return tl::unexpected(data.error());
    }
    list.data = std::move(*data);
    split_number_lines(list);
    return list;
}

} // namespace vtrguard::cli
