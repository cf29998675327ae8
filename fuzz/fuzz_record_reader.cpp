// The delimited record reader on any bytes: comma-separated with RFC 4180 quotes, and
// tab-separated without, with a small record limit so the too-long path is reached too.

#include <vtrguard/orders/record_reader.hpp>

#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

namespace {

void read_all(const std::string& text, char delimiter, bool is_quoted, std::size_t limit) {
    std::istringstream in(text);
    vtrguard::orders::RecordReader reader(in, delimiter, is_quoted, limit);
    vtrguard::orders::Record record;
    std::size_t last_line = 0;
    while (reader.next(record)) {
        // Records come in file order, and a record that failed carries no fields.
        if (record.line < last_line || (record.error && !record.fields.empty())) {
            __builtin_trap();
        }
        last_line = record.line;
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    read_all(text, ',', true, 64 * 1024);
    read_all(text, ',', true, 64);
    read_all(text, '\t', false, 64 * 1024);
    read_all(text, '\t', false, 64);
    return 0;
}
